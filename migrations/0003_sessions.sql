CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_project_user` ON `sessions` (`project_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `execution_logs_project_session` ON `execution_logs` (`project_id`,`session_id`,`created_at`);