-- Uploaded files live in the file store (FILE_STORE_DIR), named by their SHA-256; rows keep the
-- checksum and size. Bytes stored in the rows before this migration stay readable there.
ALTER TABLE `lectures` ADD COLUMN `material_sha256` CHAR(64) NULL, ADD COLUMN `material_size` INTEGER NULL;
ALTER TABLE `law_reports` ADD COLUMN `attachment_sha256` CHAR(64) NULL, ADD COLUMN `attachment_size` INTEGER NULL;
