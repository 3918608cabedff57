ALTER TABLE `projects` ADD `display_name` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `logo_url` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `privacy_url` text;