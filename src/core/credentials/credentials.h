#pragma once

#include <QMetaType>
#include <QString>

// How the bot logs in. Both forms send the same five-field JSON body to the Login API;
// they differ only in what the fields hold.
enum class LoginForm {
    // OAuth 2.0 client credentials (LivePerson's current form): appKey holds the client id,
    // secret the client secret, and the two access-token fields carry placeholders.
    OAuth2ClientCredentials,
    // The legacy OAuth 1.0 API key, retired by LivePerson in 2025-2026: all four key
    // values are real.
    LegacyApiKey,
};

// The secrets one profile needs for a cycle. Lives in memory only; persisted solely through
// CredentialStore (the OS keychain) and never in QSettings, logs or signal arguments.
struct Credentials
{
    LoginForm form = LoginForm::OAuth2ClientCredentials;
    QString username;
    QString appKey; // OAuth 2.0 client id, or the legacy app key
    QString secret; // OAuth 2.0 client secret, or the legacy app secret
    QString accessToken; // legacy form only
    QString accessTokenSecret; // legacy form only
    QString mavenApiKey; // Conversation Orchestrator developer key for the context store

    // Every field the form needs is present. An incomplete set counts as missing: the
    // engine never logs in with empty fields.
    bool isComplete() const;

    // Names of the fields the form needs that are empty, for messages ("secret, mavenApiKey").
    QStringList missingFields() const;

    // Registers every non-empty value with Redaction so that it is masked wherever it
    // might appear in text.
    void registerSecrets() const;

    bool operator==(const Credentials &) const = default;
};

Q_DECLARE_METATYPE(Credentials)

QString loginFormName(LoginForm form);
// Parses "oauth2" / "legacy" (as written by loginFormName); returns false on anything else.
bool parseLoginForm(const QString &text, LoginForm *form);

// The placeholder LivePerson's documentation shows for the two access-token fields in the
// OAuth 2.0 form.
inline constexpr QLatin1StringView OAuth2TokenPlaceholder {"dummy"};
