#pragma once

#include "config/profileconfig.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// What the shiftsync command line asked for. Secrets are never accepted as arguments (they
// would show in `ps` and shell history): they come from the keychain or a 0600 file.
struct CommandLine
{
    enum class Mode {
        Desktop, // no mode option: the desktop app
        SyncOnce,
        Headless,
        ImportCredentials,
        ShowCache,
        Version,
        Help,
    };

    Mode mode = Mode::Desktop;
    QString profile = QStringLiteral("default");
    int cycles = 0; // --headless: stop after this many cycles; 0 runs until stopped
    int retries = 3; // --sync-once: short retries of transient failures before giving up
    bool json = false;
    bool debug = false;
    bool showCache = false; // also with --sync-once: read the namespace back afterwards
    bool saveSettings = false;
    QString credentialsFile;
    QString importFile;

    // Overrides for this run; unset fields keep the saved settings.
    std::optional<QString> accountId;
    std::optional<QString> contextNamespace;
    std::optional<int> intervalSeconds;
    std::optional<int> timeoutSeconds;
    std::optional<QString> region;
    std::optional<QUrl> csdsUrl;
    std::optional<QUrl> loginUrl;
    std::optional<QUrl> shiftStatusUrl;
    std::optional<QUrl> contextUrl;
    std::optional<bool> allowEmpty;
    std::optional<bool> prune;
    std::optional<bool> http2;

    QString helpText;
    QString error; // set when parsing failed

    // Parses arguments (including argv[0]). On failure `error` says what was wrong.
    static CommandLine parse(const QStringList &arguments);

    // The saved settings with this run's overrides applied.
    ProfileConfig apply(ProfileConfig config) const;
};
