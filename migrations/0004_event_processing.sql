CREATE TABLE `github_entities` (
	`github_key` text PRIMARY KEY NOT NULL,
	`chitty_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `github_entities_chitty_id_unique` ON `github_entities` (`chitty_id`);--> statement-breakpoint
CREATE INDEX `github_entities_kind` ON `github_entities` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `processed_deliveries` (
	`delivery_id` text PRIMARY KEY NOT NULL,
	`processed_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `processing_ms` integer;