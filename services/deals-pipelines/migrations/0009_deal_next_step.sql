-- The next step of a deal: one line of text, kept short so lists and notifications can show it whole.
alter table deals add column next_step text check (char_length(next_step) <= 255);
