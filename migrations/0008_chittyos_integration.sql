CREATE TABLE `ecosystem_outbox` (
	`record_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`delivered_at` integer,
	`remote_id` text
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `ecosystem_outbox` (`next_attempt_at`,`created_at`) WHERE delivered_at IS NULL;--> statement-breakpoint
CREATE INDEX `outbox_delivered` ON `ecosystem_outbox` (`delivered_at`);--> statement-breakpoint
CREATE TABLE `initialization_lease` (
	`id` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`lease_until` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `initialization_steps` (
	`name` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`error` text,
	`detail` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `service_certificates` (
	`profile` text PRIMARY KEY NOT NULL,
	`certified` integer NOT NULL,
	`certificate_id` text,
	`security_level` text,
	`issued_at` integer,
	`valid_until` integer,
	`reason` text,
	`checked_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `chitty_ids` ADD `replaced_by` text;--> statement-breakpoint
ALTER TABLE `chitty_ids` ADD `reconciled_at` integer;--> statement-breakpoint
CREATE INDEX `chitty_ids_unreconciled` ON `chitty_ids` (`minted_at`) WHERE source = 'provisional' AND replaced_by IS NULL;--> statement-breakpoint
CREATE INDEX `chitty_ids_replaced_by` ON `chitty_ids` (`replaced_by`);--> statement-breakpoint
ALTER TABLE `contexts` ADD `id_provisional` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `dna_records` ADD `record_hash` text;--> statement-breakpoint
CREATE INDEX `dna_actor` ON `dna_records` (`actor_id`);--> statement-breakpoint
CREATE INDEX `chronicle_actor_seq` ON `chronicle_events` (`actor_id`,`seq`);