CREATE TABLE `pull_request_findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`severity` text NOT NULL,
	`path` text NOT NULL,
	`line` integer NOT NULL,
	`message` text NOT NULL,
	`evidence` text NOT NULL,
	`suggestion` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` text NOT NULL,
	`is_new` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pull_request_findings_review` ON `pull_request_findings` (`review_id`,`status`);--> statement-breakpoint
CREATE TABLE `pull_request_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`repository_key` text NOT NULL,
	`number` integer NOT NULL,
	`repository` text NOT NULL,
	`installation_id` integer NOT NULL,
	`head_sha` text NOT NULL,
	`status` text NOT NULL,
	`mode` text,
	`base_sha` text,
	`summary` text,
	`risk` text,
	`counts` text,
	`findings_complete` integer DEFAULT true NOT NULL,
	`skipped` text NOT NULL,
	`config_problems` text NOT NULL,
	`ai_summary` text,
	`conclusion` text,
	`comment_id` integer,
	`comment_url` text,
	`check_run_id` integer,
	`check_run_url` text,
	`publish_errors` text NOT NULL,
	`started_at` integer NOT NULL,
	`reviewed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pull_request_reviews_head` ON `pull_request_reviews` (`repository_key`,`number`,`head_sha`);--> statement-breakpoint
CREATE INDEX `pull_request_reviews_latest` ON `pull_request_reviews` (`repository_key`,`number`,`reviewed_at`);--> statement-breakpoint
CREATE TABLE `pull_requests` (
	`repository_key` text NOT NULL,
	`number` integer NOT NULL,
	`repository` text NOT NULL,
	`node_id` text NOT NULL,
	`installation_id` integer NOT NULL,
	`head_sha` text NOT NULL,
	`review_requested_at` integer,
	`running_by` text,
	`running_until` integer,
	`full_review_requested` integer DEFAULT false NOT NULL,
	`last_error` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`repository_key`, `number`)
);
--> statement-breakpoint
CREATE INDEX `pull_requests_installation` ON `pull_requests` (`installation_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `pull_requests_requested` ON `pull_requests` (`review_requested_at`);