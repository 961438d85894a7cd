// Data module: the help texts of the `textbridge` command line.

export const TEXTBRIDGE_USAGE = `Usage: textbridge <command> [options]

Plivo SMS from a terminal: check what a text costs, send it, look a number up, or run the offline sandbox.

Commands:
  analyze "<text>" [--smart] [--json]   Encoding, parts and the characters that force Unicode (no network)
  send --from <number> --to <numbers> --text "<text>" [--smart] [--country <CC>] [--json]
                                        Send an SMS (several recipients: separated by commas)
  lookup <number> [--country <CC>] [--json]
                                        Carrier, line type and formats of a number (Plivo charges per lookup)
  wiring [--number <numbers>] [--expect <url>] [--repair] [--json]
                                        Where each number sends its inbound SMS (number > application > URL);
                                        --expect checks them against a webhook URL, --repair re-points the
                                        --number(s) that do not send there (safe to run again)
  sandbox [--port <n>] [options]        Start the Plivo-compatible sandbox with its virtual phones page
                                        (textbridge sandbox --help lists its options)

Options:
  --smart          Replace look-alike characters (curly quotes, dashes…) when that keeps the text in GSM-7
  --country <CC>   Two-letter country for numbers written without a country code, e.g. US
  --number <n,…>   wiring: only these numbers (separated by commas); default: every number of the account
  --expect <url>   wiring: the webhook URL the numbers should send inbound SMS to, e.g. an n8n trigger's
                   Production URL or a Zap's hook URL
  --repair         wiring: re-point the numbers given with --number to --expect
  --json           Print the result as JSON
  -h, --help       Show this help

send, lookup and wiring read the credentials from the environment:
  PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN   Plivo console > Account > Overview
  PLIVO_BASE_URL                    Optional API origin, e.g. http://127.0.0.1:4010 for the sandbox

Try it offline: run \`textbridge sandbox\` in one terminal, then in another
  export PLIVO_BASE_URL=http://127.0.0.1:4010 PLIVO_AUTH_ID=MATEXTBRIDGESANDBOX1 \\
         PLIVO_AUTH_TOKEN=TextbridgeSandboxDemoAuthToken0000000000
  textbridge send --from +14155552671 --to +12125550101 --text "Hello from Textbridge"
`;

/** Hint of every command-line mistake. */
export const USAGE_HINT = 'Run textbridge --help for the commands and their options.';
