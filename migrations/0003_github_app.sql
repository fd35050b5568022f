CREATE TABLE `installation_repositories` (
	`installation_id` integer NOT NULL,
	`repository_id` integer NOT NULL,
	`full_name` text NOT NULL,
	`private` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`installation_id`, `repository_id`),
	FOREIGN KEY (`installation_id`) REFERENCES `installations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`delivery_id` text PRIMARY KEY NOT NULL,
	`event` text NOT NULL,
	`action` text,
	`installation_id` integer,
	`repository` text,
	`received_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`processed_at` integer,
	`payload_ref` text
);
--> statement-breakpoint
CREATE INDEX `deliveries_received` ON `webhook_deliveries` (`received_at`,`delivery_id`);--> statement-breakpoint
CREATE INDEX `deliveries_status_received` ON `webhook_deliveries` (`status`,`received_at`);