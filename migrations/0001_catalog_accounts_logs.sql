CREATE TABLE `auth_configs` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`toolkit_slug` text NOT NULL,
	`name` text NOT NULL,
	`auth_scheme` text NOT NULL,
	`status` text DEFAULT 'ENABLED' NOT NULL,
	`credentials_enc` text,
	`scopes` text DEFAULT '[]' NOT NULL,
	`base_url_override` text,
	`oauth_overrides` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_configs_project_toolkit` ON `auth_configs` (`project_id`,`toolkit_slug`,`created_at`);--> statement-breakpoint
CREATE TABLE `connected_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`user_id` text NOT NULL,
	`toolkit_slug` text NOT NULL,
	`auth_config_id` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`alias` text,
	`credentials_enc` text,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`auth_config_id`) REFERENCES `auth_configs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `connected_accounts_user_toolkit` ON `connected_accounts` (`project_id`,`user_id`,`toolkit_slug`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `connected_accounts_project_created` ON `connected_accounts` (`project_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `execution_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`user_id` text,
	`tool_slug` text NOT NULL,
	`toolkit_slug` text NOT NULL,
	`connected_account_id` text,
	`session_id` text,
	`status` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`upstream_status` integer,
	`arguments` text NOT NULL,
	`response` text,
	`error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `execution_logs_project_created` ON `execution_logs` (`project_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `execution_logs_project_tool` ON `execution_logs` (`project_id`,`toolkit_slug`,`created_at`);