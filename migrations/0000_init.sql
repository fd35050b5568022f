CREATE TABLE `actors` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`display_name` text NOT NULL,
	`capabilities` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer,
	`session_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `chitty_ids` (
	`id` text PRIMARY KEY NOT NULL,
	`entity_type` text NOT NULL,
	`source` text NOT NULL,
	`minted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `chronicle_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`subject_id` text NOT NULL,
	`actor_id` text,
	`occurred_at` integer NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chronicle_events_id_unique` ON `chronicle_events` (`id`);--> statement-breakpoint
CREATE INDEX `chronicle_subject_seq` ON `chronicle_events` (`subject_id`,`seq`);--> statement-breakpoint
CREATE INDEX `chronicle_type_seq` ON `chronicle_events` (`type`,`seq`);--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`context_id` text NOT NULL,
	`service` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`config` text NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_checked_at` integer,
	`disconnected_at` integer,
	FOREIGN KEY (`context_id`) REFERENCES `contexts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `connections_context` ON `connections` (`context_id`);--> statement-breakpoint
CREATE TABLE `contexts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`data` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contexts_owner_name_live` ON `contexts` (`owner_id`,`name`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `contexts_created` ON `contexts` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `dna_records` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`kind` text NOT NULL,
	`sequence` integer NOT NULL,
	`state_hash` text NOT NULL,
	`previous_id` text,
	`actor_id` text,
	`event` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dna_subject_sequence` ON `dna_records` (`subject_id`,`sequence`);--> statement-breakpoint
CREATE TABLE `installations` (
	`id` integer PRIMARY KEY NOT NULL,
	`chitty_id` text NOT NULL,
	`account_login` text NOT NULL,
	`account_type` text NOT NULL,
	`repository_selection` text NOT NULL,
	`permissions` text NOT NULL,
	`events` text NOT NULL,
	`installed_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`suspended_at` integer,
	`uninstalled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installations_chitty_id_unique` ON `installations` (`chitty_id`);