CREATE TABLE `auth_failure_minutes` (
	`minute` integer NOT NULL,
	`reason` text NOT NULL,
	`count` integer NOT NULL,
	`samples` text NOT NULL,
	PRIMARY KEY(`minute`, `reason`)
);
--> statement-breakpoint
CREATE TABLE `installation_grants` (
	`installation_id` integer NOT NULL,
	`actor_id` text NOT NULL,
	`granted_by` text NOT NULL,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`installation_id`, `actor_id`),
	FOREIGN KEY (`installation_id`) REFERENCES `installations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `installation_grants_actor` ON `installation_grants` (`actor_id`);--> statement-breakpoint
CREATE TABLE `subscription_leases` (
	`id` text PRIMARY KEY NOT NULL,
	`budget_owner_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`lease_until` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `subscription_leases_budget` ON `subscription_leases` (`budget_owner_id`,`lease_until`);--> statement-breakpoint
CREATE TABLE `used_flow_states` (
	`jti` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `actors` ADD `budget_owner_id` text;--> statement-breakpoint
ALTER TABLE `delegations` ADD `parent_id` text;--> statement-breakpoint
CREATE INDEX `delegations_parent` ON `delegations` (`parent_id`);