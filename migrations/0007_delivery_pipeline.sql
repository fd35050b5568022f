ALTER TABLE `webhook_deliveries` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `deliveries_updated` ON `webhook_deliveries` (`updated_at`,`delivery_id`);