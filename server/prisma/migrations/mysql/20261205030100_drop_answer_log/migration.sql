-- The append-only answer log (20261205030000_answer_log) was measured against the conditional
-- UPDATE per save and was not faster end to end (README, Exam burst): answer saves stay UPDATEs.
DROP TABLE `answer_log`;
