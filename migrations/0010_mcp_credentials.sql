CREATE TABLE `mcp_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`scope` text NOT NULL,
	`session_id` text,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`lookup_prefix` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mcp_credentials_lookup_prefix` ON `mcp_credentials` (`lookup_prefix`);--> statement-breakpoint
CREATE INDEX `mcp_credentials_project_created` ON `mcp_credentials` (`project_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `mcp_credentials_project_session` ON `mcp_credentials` (`project_id`,`session_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `mcp_credentials_project_user` ON `mcp_credentials` (`project_id`,`user_id`,`created_at`,`id`);