ALTER TABLE `execution_logs` ADD `credential_type` text;--> statement-breakpoint
ALTER TABLE `execution_logs` ADD `credential_id` text;