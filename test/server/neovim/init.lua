-- Hermetic Neovim 0.7 config: no plugins; starts the Async Guard server for *.ts buffers.
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'

local SERVER = assert(os.getenv('ASYNC_GUARD_SERVER'), 'set ASYNC_GUARD_SERVER to dist/server.js')

_G.ag = { client_id = nil, raw = {}, publishes = 0 }

-- Keep the raw LSP diagnostics (UTF-16 ranges, data): vim.diagnostic only keeps byte columns.
local function on_publish(err, result, ctx, config)
  if result then
    ag.raw[vim.uri_to_bufnr(result.uri)] = result.diagnostics
    ag.publishes = ag.publishes + 1
  end
  return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
end

function ag.start(bufnr)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  local marker = vim.fn.findfile('tsconfig.json', dir .. ';')
  local root = marker ~= '' and vim.fn.fnamemodify(marker, ':p:h') or dir
  if not ag.client_id then
    ag.client_id = vim.lsp.start_client({
      name = 'async-guard',
      cmd = { 'node', SERVER, '--stdio' },
      root_dir = root,
      flags = { debounce_text_changes = 0, exit_timeout = 500 },
      handlers = { ['textDocument/publishDiagnostics'] = on_publish },
    })
  end
  vim.lsp.buf_attach_client(bufnr, ag.client_id)
end

vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = { '*.ts' },
  callback = function(args) ag.start(args.buf) end,
})
