# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_clarion_global_optspecs
    string join \n api-url= profile= token-file= ca-cert= retries= request-timeout= v/verbose sandbox color= h/help V/version
end

function __fish_clarion_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_clarion_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_clarion_using_subcommand
    set -l cmd (__fish_clarion_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c clarion -n "__fish_clarion_needs_command" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_needs_command" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_needs_command" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_needs_command" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_needs_command" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_needs_command" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_needs_command" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_needs_command" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_needs_command" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_needs_command" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_needs_command" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_needs_command" -f -a "sequence" -d 'Create and inspect sequences'
complete -c clarion -n "__fish_clarion_needs_command" -f -a "auth" -d 'Store, inspect and remove API tokens'
complete -c clarion -n "__fish_clarion_needs_command" -f -a "config" -d 'Read and write settings in config.toml'
complete -c clarion -n "__fish_clarion_needs_command" -f -a "api" -d 'Call any API endpoint with the profile\'s URL and token'
complete -c clarion -n "__fish_clarion_needs_command" -f -a "schema" -d 'Print the JSON Schema of sequence files, for editors'
complete -c clarion -n "__fish_clarion_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c clarion -n "__fish_clarion_needs_command" -f -a "man" -d 'Print the man page'
complete -c clarion -n "__fish_clarion_needs_command" -f -a "sandbox" -d 'Run a local, stateful imitation of the API for trying clarion and testing clients'
complete -c clarion -n "__fish_clarion_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -f -a "create" -d 'Create a sequence from a TOML or JSON file and/or flags; many from a JSON Lines file; or one per row of a CSV (or JSON Lines) file, from a template'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -f -a "show" -d 'Show one sequence: its status, outcome and steps'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -f -a "wait" -d 'Wait until sequences end: one is printed as `show` prints it; many, one line each'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -f -a "validate" -d 'Check a sequence file (and flags) as `create` would, offline: no token, nothing sent'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and not __fish_seen_subcommand_from create show wait validate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -s f -l file -d 'Sequence file: TOML (.toml) or JSON (.json); `-` reads standard input' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l name -d 'Name of the sequence (replaces the file\'s)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l description -d 'Description of the sequence (replaces the file\'s)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l step -d 'Add a step: TYPE, TYPE@ORDER or either with :JSON_OBJECT (its config); repeatable. Without @ORDER it runs after every step before it (its order is one more than the largest so far)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l rows -d 'One sequence per row: -f is then a template whose strings hold placeholders such as {{ phone }}, filled from each row of FILE (CSV with a header row, or JSON Lines of flat objects); `-` reads standard input' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l rows-format -d 'The rows\' format [default: from the extension (.csv, .jsonl, .ndjson); csv for standard input]' -r -f -a "csv\t''
jsonl\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l idempotency-key -d 'Idempotency key for this create [default: a random UUID]; every retry sends the same one, so the server creates the sequence at most once' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l concurrency -d 'Batch: requests in flight at once' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l journal -d 'Batch: the journal that lets a re-run resume [default: FILE.journal beside the input]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l timeout -d 'Give up waiting after this long (exit 124): 90s, 10m, 1h, ...' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l interval -d 'Time between two looks at the sequence (at least 1s)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON output with a jq expression (implies --json); strings print raw' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l test-mode -d 'Ask for a test-mode sequence (no real patient is contacted), and refuse a live one (exit 7)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l live -d 'Create a live sequence even if the profile sets test_mode'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the request that would be sent (method, URL, body) and send nothing; needs no token'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l wait -d 'After creating, wait until the sequence ends, then print it (as `sequence wait`); for a batch, wait for every sequence it made (one line each as it ends)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l batch -d 'Read one sequence per line (JSON Lines), as for .jsonl/.ndjson files; for `-f -`'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l skip-invalid -d 'Batch: report invalid lines and send the valid ones (exit 9), instead of sending nothing (exit 2)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l restart -d 'Batch: start over even though the journal was written for other input'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -s y -l yes -d 'Batch: don\'t ask before creating live sequences on a terminal (the line saying what is about to happen is still printed)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l json -d 'Print the sequence as JSON, exactly as the API sent it (every field, in its order)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only the sequence id'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies --json); strings print raw' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l json -d 'Print the sequence as JSON, exactly as the API sent it (every field, in its order)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only the sequence id'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l ids-from -d 'Read ids from this file, one per line (blank lines and `#` comments skipped); `-` for standard input, such as a batch create\'s output' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l journal -d 'Wait for the sequences a batch\'s journal records as created' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l concurrency -d 'Several ids: requests in flight at once' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l junit -d 'Several ids: write a JUnit XML report here (one test case per sequence)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l summary -d 'Several ids: write a Markdown summary here (appended: fits $GITHUB_STEP_SUMMARY)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l timeout -d 'Give up waiting after this long (exit 124): 90s, 10m, 1h, ...' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l interval -d 'Time between two looks at the sequence (at least 1s)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l jq -d 'Filter the JSON output with a jq expression (implies --json); strings print raw' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l json -d 'Print the sequence as JSON, exactly as the API sent it (every field, in its order)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -s q -l quiet -d 'Print only the sequence id'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -s f -l file -d 'Sequence file: TOML (.toml) or JSON (.json); `-` reads standard input' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l name -d 'Name of the sequence (replaces the file\'s)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l description -d 'Description of the sequence (replaces the file\'s)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l step -d 'Add a step: TYPE, TYPE@ORDER or either with :JSON_OBJECT (its config); repeatable. Without @ORDER it runs after every step before it (its order is one more than the largest so far)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l rows -d 'One sequence per row: -f is then a template whose strings hold placeholders such as {{ phone }}, filled from each row of FILE (CSV with a header row, or JSON Lines of flat objects); `-` reads standard input' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l rows-format -d 'The rows\' format [default: from the extension (.csv, .jsonl, .ndjson); csv for standard input]' -r -f -a "csv\t''
jsonl\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l jq -d 'Filter the JSON output with a jq expression (implies --json); strings print raw' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l test-mode -d 'Check as a test-mode create would'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l live -d 'Check as a live create would (the profile\'s test_mode is not read here either way)'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l batch -d 'Read one sequence per line (JSON Lines), as for .jsonl/.ndjson files; for `-f -`'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l json -d 'Print JSON'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a sequence from a TOML or JSON file and/or flags; many from a JSON Lines file; or one per row of a CSV (or JSON Lines) file, from a template'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one sequence: its status, outcome and steps'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait until sequences end: one is printed as `show` prints it; many, one line each'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check a sequence file (and flags) as `create` would, offline: no token, nothing sent'
complete -c clarion -n "__fish_clarion_using_subcommand sequence; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "login" -d 'Store an API token for a profile'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "status" -d 'Show each profile\'s API URL and token source (masked), and anything wrong'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "logout" -d 'Remove the stored token of a profile (only that profile\'s; settings stay)'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "token" -d 'Print the token clarion would use, alone on one line (the only command that prints a token)'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-token -d 'Read the token from standard input (for scripts and CI; no terminal needed)'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l jq -d 'Filter the JSON output with a jq expression (implies --json); strings print raw' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print JSON'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Store an API token for a profile'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show each profile\'s API URL and token source (masked), and anything wrong'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove the stored token of a profile (only that profile\'s; settings stay)'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print the token clarion would use, alone on one line (the only command that prints a token)'
complete -c clarion -n "__fish_clarion_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -f -a "get" -d 'Print the value a setting has for commands run like this one'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -f -a "set" -d 'Set a key in config.toml, keeping your comments and layout'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -f -a "unset" -d 'Remove a key from config.toml (from the selected profile for profile keys)'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -f -a "list" -d 'List every setting in config.toml as KEY = VALUE (profile keys as profiles.NAME.KEY)'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -f -a "path" -d 'Print where config.toml is (credentials.toml is beside it)'
complete -c clarion -n "__fish_clarion_using_subcommand config; and not __fish_seen_subcommand_from get set unset list path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -l show-origin -d 'Also say where the value came from, before it and a tab: flag:--api-url, env:CLARION_API_URL, file:PATH [profiles.NAME], or default'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print the value a setting has for commands run like this one'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a key in config.toml, keeping your comments and layout'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove a key from config.toml (from the selected profile for profile keys)'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every setting in config.toml as KEY = VALUE (profile keys as profiles.NAME.KEY)'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print where config.toml is (credentials.toml is beside it)'
complete -c clarion -n "__fish_clarion_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand api" -s F -l field -d 'A JSON body field: key=value (a string) or key:=json (any JSON value); repeatable' -r
complete -c clarion -n "__fish_clarion_using_subcommand api" -l input -d 'Send this file as the body (`-` for standard input)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand api" -s H -l header -d 'Add a request header: \'Name: value\'; repeatable' -r
complete -c clarion -n "__fish_clarion_using_subcommand api" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand api" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand api" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand api" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand api" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand api" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand api" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand api" -s i -l include -d 'Print the status line and response headers before the body'
complete -c clarion -n "__fish_clarion_using_subcommand api" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand api" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand api" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand api" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand schema" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand schema" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand schema" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand schema" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand schema" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand schema" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand schema" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand schema" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand schema" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand schema" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand schema" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand completions" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand completions" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand completions" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand completions" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand completions" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand completions" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand completions" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand completions" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand completions" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand completions" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand man" -l dir -d 'Write every page to this directory (created if missing) instead' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand man" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand man" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand man" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand man" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand man" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand man" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand man" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand man" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand man" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand man" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand man" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -f -a "serve" -d 'Serve a stateful imitation of the Sequence Manager API on this machine'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -f -a "reset" -d 'Forget every sequence the `--sandbox` database holds, so ids start at 1 again'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -f -a "path" -d 'Print the path of the database `--sandbox` uses (CLARION_SANDBOX_DB, else the data directory)'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l addr -d 'Address to listen on; port 0 picks a free port' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l db -d 'SQLite file to keep state in (survives restarts; shareable by several processes) [default: in memory]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l token -d 'Accept only this bearer token [default: any non-empty token]. Visible to other users in `ps`: prefer --token-file or CLARION_SANDBOX_TOKEN' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l token-file -d 'Accept only the bearer token in this file [env: CLARION_SANDBOX_TOKEN holds the token itself]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed -d 'Seed for step ids, outcomes, timings and faults: the same seed gives the same results' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l speed -d 'Simulated clock rate: 600 runs a ten-minute sequence in about a second' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l latency -d 'Milliseconds added to every answer' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fail-rate -d 'Fraction of requests answered 503 with Retry-After, before any state changes' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l retry-after -d 'Retry-After seconds sent with --fail-rate\'s 503s (0 keeps tests fast)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l rate-limit -d 'Answer 429 with Retry-After to requests beyond N in one second' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l drop-rate -d 'Fraction of creates committed and then left unanswered (the connection is closed)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l header-timeout -d 'Seconds a connection may take to send a request\'s head (also how long an idle keep-alive connection is kept)' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l request-deadline -d 'Seconds a request may take to arrive whole (its body read); then 408' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l max-connections -d 'Connections served at once; more wait until one closes' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -l api-url -d 'Base URL of the API [env: CLARION_API_URL] [default: the profile\'s api_url, else https://api.clarionhealth.com]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -l profile -d 'Profile from config.toml and credentials.toml [env: CLARION_PROFILE] [default: default_profile, else "default"]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -l token-file -d 'Read the API token from this file (never give a token itself as an argument: others can see it)' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -l ca-cert -d 'Also trust this CA certificate (PEM), e.g. a corporate proxy\'s [default: the profile\'s ca_cert]' -r -F
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -l retries -d 'Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) [default: the profile\'s retries, else 3]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -l request-timeout -d 'Seconds each attempt may take, connecting included [default: 30]' -r
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -l color -d 'When to use colour (NO_COLOR is honoured under auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show each request and response on stderr (-vv adds bodies); the token is always masked'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -l sandbox -d 'Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) [env: CLARION_SANDBOX=1]'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve a stateful imitation of the Sequence Manager API on this machine'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Forget every sequence the `--sandbox` database holds, so ids start at 1 again'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the database `--sandbox` uses (CLARION_SANDBOX_DB, else the data directory)'
complete -c clarion -n "__fish_clarion_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand help; and not __fish_seen_subcommand_from sequence auth config api schema completions man sandbox help" -f -a "sequence" -d 'Create and inspect sequences'
complete -c clarion -n "__fish_clarion_using_subcommand help; and not __fish_seen_subcommand_from sequence auth config api schema completions man sandbox help" -f -a "auth" -d 'Store, inspect and remove API tokens'
complete -c clarion -n "__fish_clarion_using_subcommand help; and not __fish_seen_subcommand_from sequence auth config api schema completions man sandbox help" -f -a "config" -d 'Read and write settings in config.toml'
complete -c clarion -n "__fish_clarion_using_subcommand help; and not __fish_seen_subcommand_from sequence auth config api schema completions man sandbox help" -f -a "api" -d 'Call any API endpoint with the profile\'s URL and token'
complete -c clarion -n "__fish_clarion_using_subcommand help; and not __fish_seen_subcommand_from sequence auth config api schema completions man sandbox help" -f -a "schema" -d 'Print the JSON Schema of sequence files, for editors'
complete -c clarion -n "__fish_clarion_using_subcommand help; and not __fish_seen_subcommand_from sequence auth config api schema completions man sandbox help" -f -a "completions" -d 'Print a shell completion script'
complete -c clarion -n "__fish_clarion_using_subcommand help; and not __fish_seen_subcommand_from sequence auth config api schema completions man sandbox help" -f -a "man" -d 'Print the man page'
complete -c clarion -n "__fish_clarion_using_subcommand help; and not __fish_seen_subcommand_from sequence auth config api schema completions man sandbox help" -f -a "sandbox" -d 'Run a local, stateful imitation of the API for trying clarion and testing clients'
complete -c clarion -n "__fish_clarion_using_subcommand help; and not __fish_seen_subcommand_from sequence auth config api schema completions man sandbox help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from sequence" -f -a "create" -d 'Create a sequence from a TOML or JSON file and/or flags; many from a JSON Lines file; or one per row of a CSV (or JSON Lines) file, from a template'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from sequence" -f -a "show" -d 'Show one sequence: its status, outcome and steps'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from sequence" -f -a "wait" -d 'Wait until sequences end: one is printed as `show` prints it; many, one line each'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from sequence" -f -a "validate" -d 'Check a sequence file (and flags) as `create` would, offline: no token, nothing sent'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Store an API token for a profile'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show each profile\'s API URL and token source (masked), and anything wrong'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Remove the stored token of a profile (only that profile\'s; settings stay)'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print the token clarion would use, alone on one line (the only command that prints a token)'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print the value a setting has for commands run like this one'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set a key in config.toml, keeping your comments and layout'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove a key from config.toml (from the selected profile for profile keys)'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'List every setting in config.toml as KEY = VALUE (profile keys as profiles.NAME.KEY)'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print where config.toml is (credentials.toml is beside it)'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Serve a stateful imitation of the Sequence Manager API on this machine'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "reset" -d 'Forget every sequence the `--sandbox` database holds, so ids start at 1 again'
complete -c clarion -n "__fish_clarion_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "path" -d 'Print the path of the database `--sandbox` uses (CLARION_SANDBOX_DB, else the data directory)'
