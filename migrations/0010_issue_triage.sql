CREATE TABLE `issue_commands` (
	`comment_id` integer PRIMARY KEY NOT NULL,
	`repository_node_id` text NOT NULL,
	`number` integer NOT NULL,
	`login` text NOT NULL,
	`command` text NOT NULL,
	`outcome` text NOT NULL,
	`job_id` text NOT NULL,
	`reply_url` text,
	`handled_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issue_commands_one_refusal` ON `issue_commands` (`repository_node_id`,`number`,`login`) WHERE outcome = 'refused';--> statement-breakpoint
CREATE TABLE `issue_triages` (
	`repository_node_id` text NOT NULL,
	`number` integer NOT NULL,
	`repository` text NOT NULL,
	`repository_key` text NOT NULL,
	`installation_id` integer NOT NULL,
	`issue_node_id` text NOT NULL,
	`issue_id` text,
	`status` text NOT NULL,
	`reason` text,
	`result` text,
	`applied_labels` text NOT NULL,
	`comment_id` integer,
	`comment_url` text,
	`triaged_at` integer,
	`last_job` text,
	`lease_job` text,
	`lease_until` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`repository_node_id`, `number`)
);
--> statement-breakpoint
CREATE INDEX `issue_triages_repository` ON `issue_triages` (`repository_key`,`number`);--> statement-breakpoint
CREATE TABLE `repository_contexts` (
	`repository_node_id` text PRIMARY KEY NOT NULL,
	`repository` text NOT NULL,
	`repository_key` text NOT NULL,
	`installation_id` integer NOT NULL,
	`context_id` text,
	`claimed_at` integer NOT NULL,
	`claim_job` text NOT NULL,
	`refreshed_at` integer,
	`refreshes` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `repository_contexts_repository` ON `repository_contexts` (`repository_key`);