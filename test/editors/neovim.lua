-- Runs inside headless Neovim after the docs/editors.md setup (the test passes it as init.lua, so
-- opening a file attaches `leaklens lsp --stdio` as it would for a user) and writes what Neovim
-- reports to $LEAKLENS_OUT (JSON) for test/editors/neovim.test.ts. Neovim 0.7 and newer.
local out_path = assert(os.getenv('LEAKLENS_OUT'))
local root = assert(os.getenv('LEAKLENS_ROOT'))
local file = assert(os.getenv('LEAKLENS_FILE'))
local other = assert(os.getenv('LEAKLENS_OTHER_FILE')) -- never opened: Scan Workspace must reach it
local fix_title = assert(os.getenv('LEAKLENS_FIX'))
local creating_file = assert(os.getenv('LEAKLENS_CREATING_FILE'))
local creating_title = assert(os.getenv('LEAKLENS_CREATING_FIX'))

local result = { version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor), messages = {} }

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), source = d.source,
      severity = d.severity, lnum = d.lnum, col = d.col, message = d.message })
  end
  return list
end

local function has_code(bufnr, code)
  for _, d in ipairs(codes(bufnr)) do
    if d.code == code then return d end
  end
  return nil
end

local function wait(what, ms, cond)
  if not vim.wait(ms, cond, 50) then error('timed out waiting for ' .. what) end
end

--- Opens Neovim's code-action menu at the cursor and picks the action whose title contains `title`.
local function apply_fix(title)
  local report = { actions = {} }
  local chosen = false
  vim.ui.select = function(items, _, on_choice)
    local pick
    for i, item in ipairs(items) do
      local action = item.action or item[2] -- 0.10+: { action, ctx }; 0.7: { client_id, action }
      table.insert(report.actions, action.title)
      if not pick and action.title:find(title, 1, true) then pick = i end
    end
    report.chosen = pick and (items[pick].action or items[pick][2]).title or nil
    on_choice(pick and items[pick] or nil, pick)
    chosen = true
  end
  vim.lsp.buf.code_action()
  wait('the code action menu', 60000, function() return chosen end)
  if not report.chosen then error('no action titled "' .. title .. '" in: ' .. table.concat(report.actions, ' | ')) end
  return report
end

local function run()
  vim.o.hidden = true
  -- what the server says with window/showMessage (Neovim prints it; we also keep it)
  local show = vim.lsp.handlers['window/showMessage']
  vim.lsp.handlers['window/showMessage'] = function(err, res, ctx, config)
    table.insert(result.messages, res.message)
    return show(err, res, ctx, config)
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(file)) -- the setup's autocommand attaches the server
  local bufnr = vim.api.nvim_get_current_buf()
  local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
  wait('the leaklens client', 60000, function() return #get_clients({ name = 'leaklens' }) > 0 end)

  -- 1. diagnostics, as vim.diagnostic holds them
  wait('diagnostics', 30000, function() return has_code(bufnr, 'google-api-key') ~= nil end)
  result.diagnostics = codes(bufnr)

  -- 2. hover on the key
  local key = has_code(bufnr, 'google-api-key')
  vim.api.nvim_win_set_cursor(0, { key.lnum + 1, key.col })
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(), 60000)
  for _, r in pairs(hover or {}) do
    if r.result then result.hover = r.result.contents.value or vim.inspect(r.result.contents) end
  end

  -- 3. code actions on the finding, through Neovim's own menu (vim.ui.select picks the fix by title),
  -- applied by Neovim, then saved as a user would (the edit touched several files)
  result.fix = apply_fix(fix_title)
  vim.cmd('silent wall')
  result.modified_after_save = #vim.fn.getbufinfo({ bufmodified = 1 })

  -- 4. the server re-checks the edited buffer: the moved key is no longer flagged
  wait('diagnostics after the fix', 30000, function() return has_code(bufnr, 'google-api-key') == nil end)
  result.after_fix = codes(bufnr)

  -- 5. a fix that creates a file (documentChanges with a create operation)
  vim.cmd('edit ' .. vim.fn.fnameescape(creating_file))
  local swift = vim.api.nvim_get_current_buf()
  wait('diagnostics in ' .. creating_file, 30000, function() return has_code(swift, 'google-api-key') ~= nil end)
  local d = has_code(swift, 'google-api-key')
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  result.creating_fix = apply_fix(creating_title)
  vim.cmd('silent wall')

  -- 6. Scan Workspace as workspace/executeCommand: diagnostics for a file never opened
  vim.lsp.buf.execute_command({ command = 'leaklens.scanWorkspace' })
  wait('Scan Workspace diagnostics', 60000, function()
    local b = vim.fn.bufnr(other)
    return b ~= -1 and #vim.diagnostic.get(b) > 0
  end)
  wait('the scan summary', 60000, function()
    for _, m in ipairs(result.messages) do
      if m:find('^LeakLens: %d+ findings? in') then return true end
    end
    return false
  end)
  result.other = codes(vim.fn.bufnr(other))
end

local ok, err = xpcall(run, debug.traceback)
if not ok then result.error = err end
local f = assert(io.open(out_path, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qa!')
