#pragma once

#include "config/profileconfig.h"
#include "credentials/credentials.h"
#include "credentials/credentialstore.h"
#include "net/apierror.h"

#include <QDialog>

#include <memory>

class ConnectionTester;
class HttpService;
class QLineEdit;
class QNetworkAccessManager;
class QTreeWidgetItem;

namespace Ui {
class CredentialsDialog;
}

// Where the operator enters the bot's credentials: account id, login method (OAuth 2.0 client
// credentials, or the retired OAuth 1.0 API key), the fields that method needs and the
// Conversation Orchestrator API key. Secrets stay masked unless "Show secrets" is ticked.
//
// Opening it starts an asynchronous keychain read ("waiting for the keychain", never a frozen
// window); a read that fails says why and offers Retry. Save is enabled only for a complete,
// storable set and shows the reason otherwise. Save writes through the CredentialStore; a failed
// save shows the store's reason, keeps the dialog open and leaves the previous entry as the store
// left it (restored). "Test connection" runs a ConnectionTester with the values typed, without
// saving or writing anything.
//
// The dialog never quits the application when closed (B07): it is an ordinary QDialog and the
// application is expected to run with quitOnLastWindowClosed(false).
class CredentialsDialog : public QDialog
{
    Q_OBJECT

public:
    // `store` must outlive the dialog; it is shared with the engine and may be busy. `config`
    // names the profile (the keychain entries), the stored login method, the account id shown
    // at first, and the endpoints "Test connection" talks to.
    CredentialsDialog(CredentialStore *store, const ProfileConfig &config, QWidget *parent = nullptr);
    ~CredentialsDialog() override;

    // True while the keychain read or save is running.
    bool isWaitingForKeychain() const { return m_busy != Busy::No; }

    // Empty when Save is enabled; otherwise why not, as shown under the form.
    QString saveBlockedReason() const { return m_blockedReason; }

public Q_SLOTS:
    // Reads the stored credentials again (the Retry button).
    void reload();
    // Cancelled while a save is running: the dialog stays until the keychain answers (bounded
    // by the store's timeout), so the outcome is never lost.
    void reject() override;

Q_SIGNALS:
    // After the keychain confirmed the write. `config` is the constructor's config with the
    // account id and login method updated; `credentials` are the values now stored. The
    // receiver updates the settings and the engine. Never log the credentials.
    void saved(const ProfileConfig &config, const Credentials &credentials);

    // The keychain read finished (ok or not), for tests and for callers that wait for it.
    void loadFinished(CredentialStore::Status status);

    // A connection test finished; the per-step results are in the dialog.
    void connectionTestFinished(bool ok);

protected:
    void hideEvent(QHideEvent *event) override;

private:
    enum class Busy { No, Reading, Saving };

    void setUpLoginForms();
    void showFieldsOfSelectedForm();
    void connectFields();
    void setBusy(Busy busy);
    void setKeychainStatus(const QString &text, bool retry);
    void onReadFinished(const QString &profile, const CredentialStore::Result &result, const Credentials &credentials);
    void onWriteFinished(const QString &profile, const CredentialStore::Result &result);
    void fill(const Credentials &credentials);
    void showSecrets(bool shown);
    void save();
    void updateValidation();
    QString validationProblem() const;
    LoginForm selectedForm() const;
    Credentials typedCredentials() const;
    ProfileConfig typedConfig() const;
    QList<QLineEdit *> secretEdits() const;

    void startConnectionTest();
    void onTestStepStarted(SyncStep step);
    void onTestStepFinished(SyncStep step, bool ok, const QString &message);
    void onTestFinished(bool ok);
    QTreeWidgetItem *testRow(SyncStep step);

    std::unique_ptr<Ui::CredentialsDialog> m_ui;
    CredentialStore *m_store;
    ProfileConfig m_config;
    Busy m_busy = Busy::No;
    QString m_blockedReason;
    QString m_testFailure; // the failed step of the last connection test, for the summary

    // The connection test has its own network stack, so it never shares a session, cache or
    // timeout with the running engine. Declared in the order they must be destroyed last-first.
    QNetworkAccessManager *m_nam;
    HttpService *m_http;
    ConnectionTester *m_tester;
};
