-- The built-in system actor that CHITTYCONNECT_ADMIN_KEY authenticates as (src/auth/actor.ts).
INSERT INTO `actors` (`id`, `type`, `display_name`, `capabilities`, `status`, `created_at`)
VALUES ('CHITTY-ACTOR-00000000-0000-4000-8000-000000000000', 'system', 'ChittyConnect system', '["*"]', 'active', 0);
--> statement-breakpoint
INSERT INTO `chitty_ids` (`id`, `entity_type`, `source`, `minted_at`)
VALUES ('CHITTY-ACTOR-00000000-0000-4000-8000-000000000000', 'ACTOR', 'local', 0);
