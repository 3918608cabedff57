CREATE TABLE `mcp_connect_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`session_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mcp_connect_codes_code_hash` ON `mcp_connect_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `mcp_connect_codes_expires` ON `mcp_connect_codes` (`expires_at`);