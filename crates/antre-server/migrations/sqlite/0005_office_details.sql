-- Office details for "near me": the street address, service hours and phone as published
-- (NULL where no source gave them) and where each came from (data/README.md).
ALTER TABLE offices ADD COLUMN address TEXT;
ALTER TABLE offices ADD COLUMN opening_hours TEXT;
ALTER TABLE offices ADD COLUMN phone TEXT;
ALTER TABLE offices ADD COLUMN details_source TEXT NOT NULL DEFAULT '';
