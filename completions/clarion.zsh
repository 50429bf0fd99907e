#compdef clarion

autoload -U is-at-least

_clarion() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_clarion_commands" \
"*::: :->clarion" \
&& ret=0
    case $state in
    (clarion)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-command-$line[1]:"
        case $line[1] in
            (sequence)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_clarion__subcmd__sequence_commands" \
"*::: :->sequence" \
&& ret=0

    case $state in
    (sequence)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-sequence-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
'-f+[Sequence file\: TOML (.toml) or JSON (.json); \`-\` reads standard input]:PATH:_files' \
'--file=[Sequence file\: TOML (.toml) or JSON (.json); \`-\` reads standard input]:PATH:_files' \
'--name=[Name of the sequence (replaces the file'\''s)]:TEXT:_default' \
'--description=[Description of the sequence (replaces the file'\''s)]:TEXT:_default' \
'*--step=[Add a step\: TYPE, TYPE@ORDER or either with \:JSON_OBJECT (its config); repeatable. Without @ORDER it runs after every step before it (its order is one more than the largest so far)]:SPEC:_default' \
'--rows=[One sequence per row\: -f is then a template whose strings hold placeholders such as {{ phone }}, filled from each row of FILE (CSV with a header row, or JSON Lines of flat objects); \`-\` reads standard input]:FILE:_files' \
'--rows-format=[The rows'\'' format \[default\: from the extension (.csv, .jsonl, .ndjson); csv for standard input\]]:FORMAT:(csv jsonl)' \
'--idempotency-key=[Idempotency key for this create \[default\: a random UUID\]; every retry sends the same one, so the server creates the sequence at most once]:KEY:_default' \
'--concurrency=[Batch\: requests in flight at once]:N:_default' \
'--journal=[Batch\: the journal that lets a re-run resume \[default\: FILE.journal beside the input\]]:PATH:_files' \
'--timeout=[Give up waiting after this long (exit 124)\: 90s, 10m, 1h, ...]:DURATION:_default' \
'--interval=[Time between two looks at the sequence (at least 1s)]:DURATION:_default' \
'(-q --quiet)--jq=[Filter the JSON output with a jq expression (implies --json); strings print raw]:EXPR:_default' \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'(--live)--test-mode[Ask for a test-mode sequence (no real patient is contacted), and refuse a live one (exit 7)]' \
'--live[Create a live sequence even if the profile sets test_mode]' \
'--dry-run[Print the request that would be sent (method, URL, body) and send nothing; needs no token]' \
'(--dry-run)--wait[After creating, wait until the sequence ends, then print it (as \`sequence wait\`); for a batch, wait for every sequence it made (one line each as it ends)]' \
'(--idempotency-key)--batch[Read one sequence per line (JSON Lines), as for .jsonl/.ndjson files; for \`-f -\`]' \
'--skip-invalid[Batch\: report invalid lines and send the valid ones (exit 9), instead of sending nothing (exit 2)]' \
'--restart[Batch\: start over even though the journal was written for other input]' \
'-y[Batch\: don'\''t ask before creating live sequences on a terminal (the line saying what is about to happen is still printed)]' \
'--yes[Batch\: don'\''t ask before creating live sequences on a terminal (the line saying what is about to happen is still printed)]' \
'(-q --quiet)--json[Print the sequence as JSON, exactly as the API sent it (every field, in its order)]' \
'-q[Print only the sequence id]' \
'--quiet[Print only the sequence id]' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'(-q --quiet)--jq=[Filter the JSON output with a jq expression (implies --json); strings print raw]:EXPR:_default' \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'(-q --quiet)--json[Print the sequence as JSON, exactly as the API sent it (every field, in its order)]' \
'-q[Print only the sequence id]' \
'--quiet[Print only the sequence id]' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':id -- The sequence id (a positive integer):_default' \
&& ret=0
;;
(wait)
_arguments "${_arguments_options[@]}" : \
'--ids-from=[Read ids from this file, one per line (blank lines and \`#\` comments skipped); \`-\` for standard input, such as a batch create'\''s output]:FILE:_files' \
'--journal=[Wait for the sequences a batch'\''s journal records as created]:FILE:_files' \
'--concurrency=[Several ids\: requests in flight at once]:N:_default' \
'--junit=[Several ids\: write a JUnit XML report here (one test case per sequence)]:FILE:_files' \
'--summary=[Several ids\: write a Markdown summary here (appended\: fits \$GITHUB_STEP_SUMMARY)]:FILE:_files' \
'--timeout=[Give up waiting after this long (exit 124)\: 90s, 10m, 1h, ...]:DURATION:_default' \
'--interval=[Time between two looks at the sequence (at least 1s)]:DURATION:_default' \
'(-q --quiet)--jq=[Filter the JSON output with a jq expression (implies --json); strings print raw]:EXPR:_default' \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'(-q --quiet)--json[Print the sequence as JSON, exactly as the API sent it (every field, in its order)]' \
'-q[Print only the sequence id]' \
'--quiet[Print only the sequence id]' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::ids -- Sequence ids (positive integers):_default' \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
'-f+[Sequence file\: TOML (.toml) or JSON (.json); \`-\` reads standard input]:PATH:_files' \
'--file=[Sequence file\: TOML (.toml) or JSON (.json); \`-\` reads standard input]:PATH:_files' \
'--name=[Name of the sequence (replaces the file'\''s)]:TEXT:_default' \
'--description=[Description of the sequence (replaces the file'\''s)]:TEXT:_default' \
'*--step=[Add a step\: TYPE, TYPE@ORDER or either with \:JSON_OBJECT (its config); repeatable. Without @ORDER it runs after every step before it (its order is one more than the largest so far)]:SPEC:_default' \
'--rows=[One sequence per row\: -f is then a template whose strings hold placeholders such as {{ phone }}, filled from each row of FILE (CSV with a header row, or JSON Lines of flat objects); \`-\` reads standard input]:FILE:_files' \
'--rows-format=[The rows'\'' format \[default\: from the extension (.csv, .jsonl, .ndjson); csv for standard input\]]:FORMAT:(csv jsonl)' \
'--jq=[Filter the JSON output with a jq expression (implies --json); strings print raw]:EXPR:_default' \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'(--live)--test-mode[Check as a test-mode create would]' \
'--live[Check as a live create would (the profile'\''s test_mode is not read here either way)]' \
'--batch[Read one sequence per line (JSON Lines), as for .jsonl/.ndjson files; for \`-f -\`]' \
'--json[Print JSON]' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_clarion__subcmd__sequence__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-sequence-help-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(wait)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(auth)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_clarion__subcmd__auth_commands" \
"*::: :->auth" \
&& ret=0

    case $state in
    (auth)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-auth-command-$line[1]:"
        case $line[1] in
            (login)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'--with-token[Read the token from standard input (for scripts and CI; no terminal needed)]' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
'--jq=[Filter the JSON output with a jq expression (implies --json); strings print raw]:EXPR:_default' \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'--json[Print JSON]' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_clarion__subcmd__auth__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-auth-help-command-$line[1]:"
        case $line[1] in
            (login)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(config)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_clarion__subcmd__config_commands" \
"*::: :->config" \
&& ret=0

    case $state in
    (config)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-config-command-$line[1]:"
        case $line[1] in
            (get)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'--show-origin[Also say where the value came from, before it and a tab\: flag\:--api-url, env\:CLARION_API_URL, file\:PATH \[profiles.NAME\], or default]' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':key -- The key (see the list below):((default_profile\:"The profile used when neither --profile nor CLARION_PROFILE names one"
api_url\:"The API'\''s base URL (https\://, or http\:// to this machine only)"
test_mode\:"true\: every create asks for a test-mode sequence unless --live is given"
token_command\:"A command whose output is the token (e.g. a secrets manager'\''s CLI)"
token_command_timeout\:"Seconds token_command may run (default 30)"
ca_cert\:"A CA certificate (PEM) to trust besides the system'\''s"
retries\:"Retries after a failed attempt (default 3)"))' \
&& ret=0
;;
(set)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':key -- The key (see the list below):((default_profile\:"The profile used when neither --profile nor CLARION_PROFILE names one"
api_url\:"The API'\''s base URL (https\://, or http\:// to this machine only)"
test_mode\:"true\: every create asks for a test-mode sequence unless --live is given"
token_command\:"A command whose output is the token (e.g. a secrets manager'\''s CLI)"
token_command_timeout\:"Seconds token_command may run (default 30)"
ca_cert\:"A CA certificate (PEM) to trust besides the system'\''s"
retries\:"Retries after a failed attempt (default 3)"))' \
':value:_default' \
&& ret=0
;;
(unset)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':key -- The key (see the list below):((default_profile\:"The profile used when neither --profile nor CLARION_PROFILE names one"
api_url\:"The API'\''s base URL (https\://, or http\:// to this machine only)"
test_mode\:"true\: every create asks for a test-mode sequence unless --live is given"
token_command\:"A command whose output is the token (e.g. a secrets manager'\''s CLI)"
token_command_timeout\:"Seconds token_command may run (default 30)"
ca_cert\:"A CA certificate (PEM) to trust besides the system'\''s"
retries\:"Retries after a failed attempt (default 3)"))' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(path)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_clarion__subcmd__config__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-config-help-command-$line[1]:"
        case $line[1] in
            (get)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(path)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(api)
_arguments "${_arguments_options[@]}" : \
'(--input)*-F+[A JSON body field\: key=value (a string) or key\:=json (any JSON value); repeatable]:KEY=VALUE:_default' \
'(--input)*--field=[A JSON body field\: key=value (a string) or key\:=json (any JSON value); repeatable]:KEY=VALUE:_default' \
'--input=[Send this file as the body (\`-\` for standard input)]:FILE:_files' \
'*-H+[Add a request header\: '\''Name\: value'\''; repeatable]:HEADER:_default' \
'*--header=[Add a request header\: '\''Name\: value'\''; repeatable]:HEADER:_default' \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'-i[Print the status line and response headers before the body]' \
'--include[Print the status line and response headers before the body]' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::args -- \[METHOD\] PATH, e.g. GET /v1/sequence-manager/sequences/42:_default' \
&& ret=0
;;
(schema)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':shell:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'--dir=[Write every page to this directory (created if missing) instead]:DIR:_files' \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::command -- The command whose page to print, e.g. `sequence create`:_default' \
&& ret=0
;;
(sandbox)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_clarion__subcmd__sandbox_commands" \
"*::: :->sandbox" \
&& ret=0

    case $state in
    (sandbox)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-sandbox-command-$line[1]:"
        case $line[1] in
            (serve)
_arguments "${_arguments_options[@]}" : \
'--addr=[Address to listen on; port 0 picks a free port]:HOST:PORT:_default' \
'--db=[SQLite file to keep state in (survives restarts; shareable by several processes) \[default\: in memory\]]:PATH:_files' \
'(--token-file)--token=[Accept only this bearer token \[default\: any non-empty token\]. Visible to other users in \`ps\`\: prefer --token-file or CLARION_SANDBOX_TOKEN]:TOKEN:_default' \
'--token-file=[Accept only the bearer token in this file \[env\: CLARION_SANDBOX_TOKEN holds the token itself\]]:PATH:_files' \
'--seed=[Seed for step ids, outcomes, timings and faults\: the same seed gives the same results]:N:_default' \
'--speed=[Simulated clock rate\: 600 runs a ten-minute sequence in about a second]:X:_default' \
'--latency=[Milliseconds added to every answer]:MS:_default' \
'--fail-rate=[Fraction of requests answered 503 with Retry-After, before any state changes]:P:_default' \
'--retry-after=[Retry-After seconds sent with --fail-rate'\''s 503s (0 keeps tests fast)]:SECONDS:_default' \
'--rate-limit=[Answer 429 with Retry-After to requests beyond N in one second]:N:_default' \
'--drop-rate=[Fraction of creates committed and then left unanswered (the connection is closed)]:P:_default' \
'--header-timeout=[Seconds a connection may take to send a request'\''s head (also how long an idle keep-alive connection is kept)]:SECONDS:_default' \
'--request-deadline=[Seconds a request may take to arrive whole (its body read); then 408]:SECONDS:_default' \
'--max-connections=[Connections served at once; more wait until one closes]:N:_default' \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(path)
_arguments "${_arguments_options[@]}" : \
'--api-url=[Base URL of the API \[env\: CLARION_API_URL\] \[default\: the profile'\''s api_url, else https\://api.clarionhealth.com\]]:URL:_default' \
'--profile=[Profile from config.toml and credentials.toml \[env\: CLARION_PROFILE\] \[default\: default_profile, else "default"\]]:NAME:_default' \
'--token-file=[Read the API token from this file (never give a token itself as an argument\: others can see it)]:PATH:_files' \
'--ca-cert=[Also trust this CA certificate (PEM), e.g. a corporate proxy'\''s \[default\: the profile'\''s ca_cert\]]:PATH:_files' \
'--retries=[Retries after a failed attempt, for failures worth retrying (network, timeouts, 408, 429, 5xx) \[default\: the profile'\''s retries, else 3\]]:N:_default' \
'--request-timeout=[Seconds each attempt may take, connecting included \[default\: 30\]]:SECONDS:_default' \
'--color=[When to use colour (NO_COLOR is honoured under auto)]:WHEN:(auto always never)' \
'*-v[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'*--verbose[Show each request and response on stderr (-vv adds bodies); the token is always masked]' \
'(--api-url)--sandbox[Use a local sandbox started for this command instead of the real API (no token or config needed; state persists in the data directory) \[env\: CLARION_SANDBOX=1\]]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_clarion__subcmd__sandbox__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-sandbox-help-command-$line[1]:"
        case $line[1] in
            (serve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(path)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_clarion__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-help-command-$line[1]:"
        case $line[1] in
            (sequence)
_arguments "${_arguments_options[@]}" : \
":: :_clarion__subcmd__help__subcmd__sequence_commands" \
"*::: :->sequence" \
&& ret=0

    case $state in
    (sequence)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-help-sequence-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(wait)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(auth)
_arguments "${_arguments_options[@]}" : \
":: :_clarion__subcmd__help__subcmd__auth_commands" \
"*::: :->auth" \
&& ret=0

    case $state in
    (auth)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-help-auth-command-$line[1]:"
        case $line[1] in
            (login)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(logout)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(config)
_arguments "${_arguments_options[@]}" : \
":: :_clarion__subcmd__help__subcmd__config_commands" \
"*::: :->config" \
&& ret=0

    case $state in
    (config)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-help-config-command-$line[1]:"
        case $line[1] in
            (get)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(path)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(api)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(schema)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(sandbox)
_arguments "${_arguments_options[@]}" : \
":: :_clarion__subcmd__help__subcmd__sandbox_commands" \
"*::: :->sandbox" \
&& ret=0

    case $state in
    (sandbox)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:clarion-help-sandbox-command-$line[1]:"
        case $line[1] in
            (serve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(reset)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(path)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_clarion_commands] )) ||
_clarion_commands() {
    local commands; commands=(
'sequence:Create and inspect sequences' \
'auth:Store, inspect and remove API tokens' \
'config:Read and write settings in config.toml' \
'api:Call any API endpoint with the profile'\''s URL and token' \
'schema:Print the JSON Schema of sequence files, for editors' \
'completions:Print a shell completion script' \
'man:Print the man page' \
'sandbox:Run a local, stateful imitation of the API for trying clarion and testing clients' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion commands' commands "$@"
}
(( $+functions[_clarion__subcmd__api_commands] )) ||
_clarion__subcmd__api_commands() {
    local commands; commands=()
    _describe -t commands 'clarion api commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth_commands] )) ||
_clarion__subcmd__auth_commands() {
    local commands; commands=(
'login:Store an API token for a profile' \
'status:Show each profile'\''s API URL and token source (masked), and anything wrong' \
'logout:Remove the stored token of a profile (only that profile'\''s; settings stay)' \
'token:Print the token clarion would use, alone on one line (the only command that prints a token)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion auth commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__help_commands] )) ||
_clarion__subcmd__auth__subcmd__help_commands() {
    local commands; commands=(
'login:Store an API token for a profile' \
'status:Show each profile'\''s API URL and token source (masked), and anything wrong' \
'logout:Remove the stored token of a profile (only that profile'\''s; settings stay)' \
'token:Print the token clarion would use, alone on one line (the only command that prints a token)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion auth help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__help__subcmd__help_commands] )) ||
_clarion__subcmd__auth__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'clarion auth help help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__help__subcmd__login_commands] )) ||
_clarion__subcmd__auth__subcmd__help__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'clarion auth help login commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__help__subcmd__logout_commands] )) ||
_clarion__subcmd__auth__subcmd__help__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'clarion auth help logout commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__help__subcmd__status_commands] )) ||
_clarion__subcmd__auth__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'clarion auth help status commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__help__subcmd__token_commands] )) ||
_clarion__subcmd__auth__subcmd__help__subcmd__token_commands() {
    local commands; commands=()
    _describe -t commands 'clarion auth help token commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__login_commands] )) ||
_clarion__subcmd__auth__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'clarion auth login commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__logout_commands] )) ||
_clarion__subcmd__auth__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'clarion auth logout commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__status_commands] )) ||
_clarion__subcmd__auth__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'clarion auth status commands' commands "$@"
}
(( $+functions[_clarion__subcmd__auth__subcmd__token_commands] )) ||
_clarion__subcmd__auth__subcmd__token_commands() {
    local commands; commands=()
    _describe -t commands 'clarion auth token commands' commands "$@"
}
(( $+functions[_clarion__subcmd__completions_commands] )) ||
_clarion__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'clarion completions commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config_commands] )) ||
_clarion__subcmd__config_commands() {
    local commands; commands=(
'get:Print the value a setting has for commands run like this one' \
'set:Set a key in config.toml, keeping your comments and layout' \
'unset:Remove a key from config.toml (from the selected profile for profile keys)' \
'list:List every setting in config.toml as KEY = VALUE (profile keys as profiles.NAME.KEY)' \
'path:Print where config.toml is (credentials.toml is beside it)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion config commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__get_commands] )) ||
_clarion__subcmd__config__subcmd__get_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config get commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__help_commands] )) ||
_clarion__subcmd__config__subcmd__help_commands() {
    local commands; commands=(
'get:Print the value a setting has for commands run like this one' \
'set:Set a key in config.toml, keeping your comments and layout' \
'unset:Remove a key from config.toml (from the selected profile for profile keys)' \
'list:List every setting in config.toml as KEY = VALUE (profile keys as profiles.NAME.KEY)' \
'path:Print where config.toml is (credentials.toml is beside it)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion config help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__help__subcmd__get_commands] )) ||
_clarion__subcmd__config__subcmd__help__subcmd__get_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config help get commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__help__subcmd__help_commands] )) ||
_clarion__subcmd__config__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config help help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__help__subcmd__list_commands] )) ||
_clarion__subcmd__config__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config help list commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__help__subcmd__path_commands] )) ||
_clarion__subcmd__config__subcmd__help__subcmd__path_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config help path commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__help__subcmd__set_commands] )) ||
_clarion__subcmd__config__subcmd__help__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config help set commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__help__subcmd__unset_commands] )) ||
_clarion__subcmd__config__subcmd__help__subcmd__unset_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config help unset commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__list_commands] )) ||
_clarion__subcmd__config__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config list commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__path_commands] )) ||
_clarion__subcmd__config__subcmd__path_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config path commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__set_commands] )) ||
_clarion__subcmd__config__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config set commands' commands "$@"
}
(( $+functions[_clarion__subcmd__config__subcmd__unset_commands] )) ||
_clarion__subcmd__config__subcmd__unset_commands() {
    local commands; commands=()
    _describe -t commands 'clarion config unset commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help_commands] )) ||
_clarion__subcmd__help_commands() {
    local commands; commands=(
'sequence:Create and inspect sequences' \
'auth:Store, inspect and remove API tokens' \
'config:Read and write settings in config.toml' \
'api:Call any API endpoint with the profile'\''s URL and token' \
'schema:Print the JSON Schema of sequence files, for editors' \
'completions:Print a shell completion script' \
'man:Print the man page' \
'sandbox:Run a local, stateful imitation of the API for trying clarion and testing clients' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__api_commands] )) ||
_clarion__subcmd__help__subcmd__api_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help api commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__auth_commands] )) ||
_clarion__subcmd__help__subcmd__auth_commands() {
    local commands; commands=(
'login:Store an API token for a profile' \
'status:Show each profile'\''s API URL and token source (masked), and anything wrong' \
'logout:Remove the stored token of a profile (only that profile'\''s; settings stay)' \
'token:Print the token clarion would use, alone on one line (the only command that prints a token)' \
    )
    _describe -t commands 'clarion help auth commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__auth__subcmd__login_commands] )) ||
_clarion__subcmd__help__subcmd__auth__subcmd__login_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help auth login commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__auth__subcmd__logout_commands] )) ||
_clarion__subcmd__help__subcmd__auth__subcmd__logout_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help auth logout commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__auth__subcmd__status_commands] )) ||
_clarion__subcmd__help__subcmd__auth__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help auth status commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__auth__subcmd__token_commands] )) ||
_clarion__subcmd__help__subcmd__auth__subcmd__token_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help auth token commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__completions_commands] )) ||
_clarion__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help completions commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__config_commands] )) ||
_clarion__subcmd__help__subcmd__config_commands() {
    local commands; commands=(
'get:Print the value a setting has for commands run like this one' \
'set:Set a key in config.toml, keeping your comments and layout' \
'unset:Remove a key from config.toml (from the selected profile for profile keys)' \
'list:List every setting in config.toml as KEY = VALUE (profile keys as profiles.NAME.KEY)' \
'path:Print where config.toml is (credentials.toml is beside it)' \
    )
    _describe -t commands 'clarion help config commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__config__subcmd__get_commands] )) ||
_clarion__subcmd__help__subcmd__config__subcmd__get_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help config get commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__config__subcmd__list_commands] )) ||
_clarion__subcmd__help__subcmd__config__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help config list commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__config__subcmd__path_commands] )) ||
_clarion__subcmd__help__subcmd__config__subcmd__path_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help config path commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__config__subcmd__set_commands] )) ||
_clarion__subcmd__help__subcmd__config__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help config set commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__config__subcmd__unset_commands] )) ||
_clarion__subcmd__help__subcmd__config__subcmd__unset_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help config unset commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__help_commands] )) ||
_clarion__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__man_commands] )) ||
_clarion__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help man commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__sandbox_commands] )) ||
_clarion__subcmd__help__subcmd__sandbox_commands() {
    local commands; commands=(
'serve:Serve a stateful imitation of the Sequence Manager API on this machine' \
'reset:Forget every sequence the \`--sandbox\` database holds, so ids start at 1 again' \
'path:Print the path of the database \`--sandbox\` uses (CLARION_SANDBOX_DB, else the data directory)' \
    )
    _describe -t commands 'clarion help sandbox commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__sandbox__subcmd__path_commands] )) ||
_clarion__subcmd__help__subcmd__sandbox__subcmd__path_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help sandbox path commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__sandbox__subcmd__reset_commands] )) ||
_clarion__subcmd__help__subcmd__sandbox__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help sandbox reset commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__sandbox__subcmd__serve_commands] )) ||
_clarion__subcmd__help__subcmd__sandbox__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help sandbox serve commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__schema_commands] )) ||
_clarion__subcmd__help__subcmd__schema_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help schema commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__sequence_commands] )) ||
_clarion__subcmd__help__subcmd__sequence_commands() {
    local commands; commands=(
'create:Create a sequence from a TOML or JSON file and/or flags; many from a JSON Lines file; or one per row of a CSV (or JSON Lines) file, from a template' \
'show:Show one sequence\: its status, outcome and steps' \
'wait:Wait until sequences end\: one is printed as \`show\` prints it; many, one line each' \
'validate:Check a sequence file (and flags) as \`create\` would, offline\: no token, nothing sent' \
    )
    _describe -t commands 'clarion help sequence commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__sequence__subcmd__create_commands] )) ||
_clarion__subcmd__help__subcmd__sequence__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help sequence create commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__sequence__subcmd__show_commands] )) ||
_clarion__subcmd__help__subcmd__sequence__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help sequence show commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__sequence__subcmd__validate_commands] )) ||
_clarion__subcmd__help__subcmd__sequence__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help sequence validate commands' commands "$@"
}
(( $+functions[_clarion__subcmd__help__subcmd__sequence__subcmd__wait_commands] )) ||
_clarion__subcmd__help__subcmd__sequence__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'clarion help sequence wait commands' commands "$@"
}
(( $+functions[_clarion__subcmd__man_commands] )) ||
_clarion__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'clarion man commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sandbox_commands] )) ||
_clarion__subcmd__sandbox_commands() {
    local commands; commands=(
'serve:Serve a stateful imitation of the Sequence Manager API on this machine' \
'reset:Forget every sequence the \`--sandbox\` database holds, so ids start at 1 again' \
'path:Print the path of the database \`--sandbox\` uses (CLARION_SANDBOX_DB, else the data directory)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion sandbox commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sandbox__subcmd__help_commands] )) ||
_clarion__subcmd__sandbox__subcmd__help_commands() {
    local commands; commands=(
'serve:Serve a stateful imitation of the Sequence Manager API on this machine' \
'reset:Forget every sequence the \`--sandbox\` database holds, so ids start at 1 again' \
'path:Print the path of the database \`--sandbox\` uses (CLARION_SANDBOX_DB, else the data directory)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion sandbox help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sandbox__subcmd__help__subcmd__help_commands] )) ||
_clarion__subcmd__sandbox__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sandbox help help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sandbox__subcmd__help__subcmd__path_commands] )) ||
_clarion__subcmd__sandbox__subcmd__help__subcmd__path_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sandbox help path commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sandbox__subcmd__help__subcmd__reset_commands] )) ||
_clarion__subcmd__sandbox__subcmd__help__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sandbox help reset commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sandbox__subcmd__help__subcmd__serve_commands] )) ||
_clarion__subcmd__sandbox__subcmd__help__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sandbox help serve commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sandbox__subcmd__path_commands] )) ||
_clarion__subcmd__sandbox__subcmd__path_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sandbox path commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sandbox__subcmd__reset_commands] )) ||
_clarion__subcmd__sandbox__subcmd__reset_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sandbox reset commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sandbox__subcmd__serve_commands] )) ||
_clarion__subcmd__sandbox__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sandbox serve commands' commands "$@"
}
(( $+functions[_clarion__subcmd__schema_commands] )) ||
_clarion__subcmd__schema_commands() {
    local commands; commands=()
    _describe -t commands 'clarion schema commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence_commands] )) ||
_clarion__subcmd__sequence_commands() {
    local commands; commands=(
'create:Create a sequence from a TOML or JSON file and/or flags; many from a JSON Lines file; or one per row of a CSV (or JSON Lines) file, from a template' \
'show:Show one sequence\: its status, outcome and steps' \
'wait:Wait until sequences end\: one is printed as \`show\` prints it; many, one line each' \
'validate:Check a sequence file (and flags) as \`create\` would, offline\: no token, nothing sent' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion sequence commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__create_commands] )) ||
_clarion__subcmd__sequence__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sequence create commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__help_commands] )) ||
_clarion__subcmd__sequence__subcmd__help_commands() {
    local commands; commands=(
'create:Create a sequence from a TOML or JSON file and/or flags; many from a JSON Lines file; or one per row of a CSV (or JSON Lines) file, from a template' \
'show:Show one sequence\: its status, outcome and steps' \
'wait:Wait until sequences end\: one is printed as \`show\` prints it; many, one line each' \
'validate:Check a sequence file (and flags) as \`create\` would, offline\: no token, nothing sent' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'clarion sequence help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__help__subcmd__create_commands] )) ||
_clarion__subcmd__sequence__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sequence help create commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__help__subcmd__help_commands] )) ||
_clarion__subcmd__sequence__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sequence help help commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__help__subcmd__show_commands] )) ||
_clarion__subcmd__sequence__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sequence help show commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__help__subcmd__validate_commands] )) ||
_clarion__subcmd__sequence__subcmd__help__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sequence help validate commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__help__subcmd__wait_commands] )) ||
_clarion__subcmd__sequence__subcmd__help__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sequence help wait commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__show_commands] )) ||
_clarion__subcmd__sequence__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sequence show commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__validate_commands] )) ||
_clarion__subcmd__sequence__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sequence validate commands' commands "$@"
}
(( $+functions[_clarion__subcmd__sequence__subcmd__wait_commands] )) ||
_clarion__subcmd__sequence__subcmd__wait_commands() {
    local commands; commands=()
    _describe -t commands 'clarion sequence wait commands' commands "$@"
}

if [ "$funcstack[1]" = "_clarion" ]; then
    _clarion "$@"
else
    compdef _clarion clarion
fi
