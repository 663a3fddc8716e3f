-- A campaign can be edited: a task that was done, or whose period had ended, keeps the terms it
-- was held to.
ALTER TABLE `task_instances` ADD COLUMN `held_to` JSON NULL;
