import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { LanguageServer } from './language-server.js';

// The transport (--stdio, --node-ipc, --socket=) comes from the command line.
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
new LanguageServer(connection).listen();
