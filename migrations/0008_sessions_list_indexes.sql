DROP INDEX `sessions_project_user`;--> statement-breakpoint
CREATE INDEX `sessions_project_created` ON `sessions` (`project_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `sessions_project_live` ON `sessions` (`project_id`,`created_at`,`id`) WHERE "sessions"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `sessions_project_user` ON `sessions` (`project_id`,`user_id`,`created_at`,`id`);