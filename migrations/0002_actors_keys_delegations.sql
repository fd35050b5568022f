CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_actor` ON `api_keys` (`actor_id`);--> statement-breakpoint
CREATE TABLE `delegations` (
	`id` text PRIMARY KEY NOT NULL,
	`delegator_id` text NOT NULL,
	`target_service` text NOT NULL,
	`scopes` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`delegator_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `delegations_delegator` ON `delegations` (`delegator_id`);--> statement-breakpoint
CREATE INDEX `delegations_expires` ON `delegations` (`expires_at`);--> statement-breakpoint
ALTER TABLE `actors` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `actors` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `actors_created_by` ON `actors` (`created_by`);