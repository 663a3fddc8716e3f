-- Presence checks are generated from the article on screen (a look-up in the public question bank
-- no longer answers them): the prompt and its key live on the check; old checks keep their question.
ALTER TABLE `presence_checks` MODIFY `question_version_id` INTEGER NULL,
    ADD COLUMN `prompt` JSON NULL,
    ADD COLUMN `answer_key` VARCHAR(8) NULL;
