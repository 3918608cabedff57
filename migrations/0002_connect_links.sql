CREATE TABLE `link_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`connected_account_id` text NOT NULL,
	`auth_config_id` text NOT NULL,
	`user_id` text NOT NULL,
	`toolkit_slug` text NOT NULL,
	`callback_url` text,
	`session_id` text,
	`status` text NOT NULL,
	`oauth_state` text,
	`pkce_verifier_enc` text,
	`csrf_token` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connected_account_id`) REFERENCES `connected_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `link_requests_oauth_state` ON `link_requests` (`oauth_state`);--> statement-breakpoint
CREATE INDEX `link_requests_account` ON `link_requests` (`connected_account_id`);--> statement-breakpoint
ALTER TABLE `auth_configs` ADD `is_managed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `projects` ADD `allowed_callback_origins` text DEFAULT '[]' NOT NULL;