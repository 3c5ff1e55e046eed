/* Todos were shipped without RLS in the first migration; this turns it on.
   create table public.todos_archive (id int);   -- commented out, never created */
alter table public.todos enable row level security;

create policy "Owners read their todos"
  on todos for select
  to authenticated
  using ((select auth.uid()) = user_id);

create policy "Owners write their todos"
  on todos for all
  to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "Anyone can send feedback"
  on public.feedback for insert
  to anon, authenticated
  with check (true);
