#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

namespace {

struct Options
{
    QCommandLineOption syncOnce {QStringLiteral("sync-once"),
        QStringLiteral("Run one sync cycle without a display, then exit.")};
    QCommandLineOption headless {QStringLiteral("headless"),
        QStringLiteral("Run the periodic sync loop without a display.")};
    QCommandLineOption cycles {QStringLiteral("cycles"),
        QStringLiteral("With --headless: stop after N cycles."),
        QStringLiteral("N")};
    QCommandLineOption retries {QStringLiteral("retries"),
        QStringLiteral("With --sync-once: retry transient failures up to N times (default 3; 0 fails fast)."),
        QStringLiteral("N")};
    QCommandLineOption importCredentials {QStringLiteral("import-credentials"),
        QStringLiteral("Store the credentials from FILE (JSON, mode 0600) in the OS keychain, then exit."),
        QStringLiteral("FILE")};
    QCommandLineOption showCache {QStringLiteral("show-cache"),
        QStringLiteral("Print what bots read from the namespace (after the sync with --sync-once).")};
    QCommandLineOption profile {QStringLiteral("profile"),
        QStringLiteral("Account profile to use (default: default)."),
        QStringLiteral("NAME")};
    QCommandLineOption account {QStringLiteral("account"),
        QStringLiteral("LivePerson account id."),
        QStringLiteral("ID")};
    QCommandLineOption contextNamespace {QStringLiteral("namespace"),
        QStringLiteral("Context store namespace (default: shift-status-api)."),
        QStringLiteral("NAME")};
    QCommandLineOption interval {QStringLiteral("interval"),
        QStringLiteral("Seconds between cycles (default: 900)."),
        QStringLiteral("SECONDS")};
    QCommandLineOption timeout {QStringLiteral("timeout"),
        QStringLiteral("Per-request transfer timeout (default: 30)."),
        QStringLiteral("SECONDS")};
    QCommandLineOption credentialsFile {QStringLiteral("credentials-file"),
        QStringLiteral("Read credentials from FILE (JSON, mode 0600) instead of the keychain."),
        QStringLiteral("FILE")};
    QCommandLineOption csdsUrl {QStringLiteral("csds-url"),
        QStringLiteral("Base URL of the Domain API (CSDS)."),
        QStringLiteral("URL")};
    QCommandLineOption loginUrl {QStringLiteral("login-url"),
        QStringLiteral("Base URL of the Login API (overrides CSDS)."),
        QStringLiteral("URL")};
    QCommandLineOption shiftStatusUrl {QStringLiteral("shift-status-url"),
        QStringLiteral("Base URL of the Shift Status API (overrides CSDS)."),
        QStringLiteral("URL")};
    QCommandLineOption contextUrl {QStringLiteral("context-url"),
        QStringLiteral("Base URL of the context store (overrides the region)."),
        QStringLiteral("URL")};
    QCommandLineOption region {QStringLiteral("region"),
        QStringLiteral("Context store region: z1, z2 or z3."),
        QStringLiteral("ZONE")};
    QCommandLineOption allowEmpty {QStringLiteral("allow-empty"),
        QStringLiteral("Write even when shift status lists no skills.")};
    QCommandLineOption prune {QStringLiteral("prune-vanished"),
        QStringLiteral("Delete store keys of skills that are no longer listed.")};
    QCommandLineOption http2 {QStringLiteral("http2"), QStringLiteral("Allow HTTP/2 (off by default).")};
    QCommandLineOption saveSettings {QStringLiteral("save-settings"),
        QStringLiteral("Save this run's profile options as the profile's settings.")};
    QCommandLineOption json {QStringLiteral("json"), QStringLiteral("Print one JSON line per cycle on stdout.")};
    QCommandLineOption debug {QStringLiteral("debug"), QStringLiteral("Turn on debug output (shiftsync.*.debug).")};

    QList<QCommandLineOption> all() const
    {
        return {syncOnce,
            headless,
            cycles,
            retries,
            importCredentials,
            showCache,
            profile,
            account,
            contextNamespace,
            interval,
            timeout,
            credentialsFile,
            csdsUrl,
            loginUrl,
            shiftStatusUrl,
            contextUrl,
            region,
            allowEmpty,
            prune,
            http2,
            saveSettings,
            json,
            debug};
    }
};

std::optional<int> positiveInt(const QCommandLineParser &parser, const QCommandLineOption &option, QString *error)
{
    if (!parser.isSet(option))
        return std::nullopt;

    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < 1) {
        *error = QStringLiteral("--%1 needs a whole number of at least 1").arg(option.names().constFirst());
        return std::nullopt;
    }
    return value;
}

std::optional<QUrl> url(const QCommandLineParser &parser, const QCommandLineOption &option, QString *error)
{
    if (!parser.isSet(option))
        return std::nullopt;

    const QUrl value(parser.value(option), QUrl::StrictMode);
    if (!value.isValid() || value.host().isEmpty() || !value.userInfo().isEmpty()) {
        // User info would put a secret on the command line; refuse it outright.
        *error = QStringLiteral("--%1 needs a full base URL such as https://host[:port] without user info")
                     .arg(option.names().constFirst());
        return std::nullopt;
    }
    return value;
}

CommandLine::Mode modeFrom(const QCommandLineParser &parser, const Options &o, QString *error)
{
    QList<CommandLine::Mode> modes;
    if (parser.isSet(o.syncOnce))
        modes << CommandLine::Mode::SyncOnce;
    if (parser.isSet(o.headless))
        modes << CommandLine::Mode::Headless;
    if (parser.isSet(o.importCredentials))
        modes << CommandLine::Mode::ImportCredentials;
    if (modes.size() > 1) {
        *error = QStringLiteral("choose one of --sync-once, --headless and --import-credentials");
        return CommandLine::Mode::Help;
    }
    if (!modes.isEmpty())
        return modes.first();
    return parser.isSet(o.showCache) ? CommandLine::Mode::ShowCache : CommandLine::Mode::Desktop;
}

void readOverrides(const QCommandLineParser &parser, const Options &o, CommandLine *line)
{
    if (parser.isSet(o.account))
        line->accountId = parser.value(o.account).trimmed();
    if (parser.isSet(o.contextNamespace))
        line->contextNamespace = parser.value(o.contextNamespace).trimmed();
    if (parser.isSet(o.region))
        line->region = parser.value(o.region).trimmed().toLower();
    if (parser.isSet(o.allowEmpty))
        line->allowEmpty = true;
    if (parser.isSet(o.prune))
        line->prune = true;
    if (parser.isSet(o.http2))
        line->http2 = true;

    line->intervalSeconds = positiveInt(parser, o.interval, &line->error);
    line->timeoutSeconds = positiveInt(parser, o.timeout, &line->error);
    line->csdsUrl = url(parser, o.csdsUrl, &line->error);
    line->loginUrl = url(parser, o.loginUrl, &line->error);
    line->shiftStatusUrl = url(parser, o.shiftStatusUrl, &line->error);
    line->contextUrl = url(parser, o.contextUrl, &line->error);
}

} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine line;
    Options o;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Keeps LivePerson skill shift status fresh in the Conversation Context Service.\n"
        "Without a mode option, starts the desktop app. Secrets are never taken from the command line."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addOptions(o.all());
    line.helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        line.error = parser.errorText();
        return line;
    }
    if (parser.isSet(help) || parser.isSet(version)) {
        line.mode = parser.isSet(help) ? Mode::Help : Mode::Version;
        return line;
    }
    if (!parser.positionalArguments().isEmpty()) {
        line.error = QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst());
        return line;
    }

    line.mode = modeFrom(parser, o, &line.error);
    line.profile = parser.isSet(o.profile) ? parser.value(o.profile).trimmed() : line.profile;
    line.cycles = parser.isSet(o.cycles) ? positiveInt(parser, o.cycles, &line.error).value_or(0) : 0;
    line.json = parser.isSet(o.json);
    line.debug = parser.isSet(o.debug);
    line.showCache = parser.isSet(o.showCache);
    line.saveSettings = parser.isSet(o.saveSettings);
    line.credentialsFile = parser.value(o.credentialsFile);
    line.importFile = parser.value(o.importCredentials);
    readOverrides(parser, o, &line);

    // Profile names become keychain keys and settings groups: keep them plain.
    static const QRegularExpression profileName(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
    if (!profileName.match(line.profile).hasMatch())
        line.error = QStringLiteral("--profile needs 1-64 letters, digits, '_', '.' or '-', starting with a letter "
                                    "or digit");
    if (parser.isSet(o.cycles) && line.mode != Mode::Headless)
        line.error = QStringLiteral("--cycles only applies to --headless");
    if (parser.isSet(o.retries)) {
        bool ok = false;
        line.retries = parser.value(o.retries).toInt(&ok);
        if (!ok || line.retries < 0 || line.retries > 10)
            line.error = QStringLiteral("--retries needs a whole number from 0 to 10");
        else if (line.mode != Mode::SyncOnce)
            line.error = QStringLiteral("--retries only applies to --sync-once");
    }
    return line;
}

ProfileConfig CommandLine::apply(ProfileConfig config) const
{
    config.profile = profile;
    config.accountId = accountId.value_or(config.accountId);
    config.contextNamespace = contextNamespace.value_or(config.contextNamespace);
    config.intervalSeconds = intervalSeconds.value_or(config.intervalSeconds);
    config.requestTimeoutSeconds = timeoutSeconds.value_or(config.requestTimeoutSeconds);
    config.region = region.value_or(config.region);
    config.csdsUrl = csdsUrl.value_or(config.csdsUrl);
    config.loginUrl = loginUrl.value_or(config.loginUrl);
    config.shiftStatusUrl = shiftStatusUrl.value_or(config.shiftStatusUrl);
    config.contextUrl = contextUrl.value_or(config.contextUrl);
    config.allowEmptyShiftStatus = allowEmpty.value_or(config.allowEmptyShiftStatus);
    config.pruneVanishedSkills = prune.value_or(config.pruneVanishedSkills);
    config.http2Allowed = http2.value_or(config.http2Allowed);
    return config;
}
