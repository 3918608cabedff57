ALTER TABLE `projects` ADD `session_ttl_seconds` integer DEFAULT 604800 NOT NULL;--> statement-breakpoint
ALTER TABLE `projects` ADD `log_retention_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `expired_at` integer;--> statement-breakpoint
CREATE INDEX `link_requests_expires` ON `link_requests` (`expires_at`);