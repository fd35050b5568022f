ALTER TABLE `webhook_deliveries` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `change_seq` integer;--> statement-breakpoint
CREATE INDEX `deliveries_change_seq` ON `webhook_deliveries` (`change_seq`,`delivery_id`);