// The credentials dialog driven like a user would, offscreen, against the real gnome-keyring of
// tests/with-keyring.sh and an in-process LivePerson simulator: it waits for the keychain
// without freezing, saves into the keyring, opens again with the secrets masked, refuses
// incomplete or unstorable input with the reason shown, reports a failed save (locked keyring)
// while the previous entry stays, tests the connection step by step without writing anything,
// and closing it never quits the application (B07).

#include "credentialsdialog.h"
#include "dialogfixture.h"
#include "secretservicefixture.h"
#include "simfixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

using namespace std::chrono_literals;
using Status = CredentialStore::Status;
using namespace DialogFixture;
using namespace SecretServiceFixture;

Q_DECLARE_METATYPE(LoginForm)

namespace {

constexpr int WaitMs = 5000;

// ---- the dialog's widgets ----

QLineEdit *edit(const QWidget *dialog, const char *name)
{
    return child<QLineEdit>(dialog, name);
}

QPushButton *saveButton(const QWidget *dialog)
{
    return child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Save);
}

QPushButton *testButton(const QWidget *dialog)
{
    return child<QPushButton>(dialog, "testButton");
}

QString statusText(const QWidget *dialog)
{
    return child<QLabel>(dialog, "keychainStatusLabel")->text();
}

void selectForm(QWidget *dialog, LoginForm form)
{
    QComboBox *combo = child<QComboBox>(dialog, "loginFormCombo");
    combo->setCurrentIndex(combo->findData(static_cast<int>(form)));
}

// Types into a field the way a user does: focus, select all, type.
void type(QWidget *dialog, const char *name, const QString &text)
{
    QLineEdit *field = edit(dialog, name);
    field->setFocus();
    field->selectAll();
    if (text.isEmpty())
        QTest::keyClick(field, Qt::Key_Delete);
    else
        QTest::keyClicks(field, text);
}

void enter(QWidget *dialog, const QString &accountId, const Credentials &credentials)
{
    type(dialog, "accountIdEdit", accountId);
    selectForm(dialog, credentials.form);
    type(dialog, "usernameEdit", credentials.username);
    if (credentials.form == LoginForm::LegacyApiKey) {
        type(dialog, "appKeyEdit", credentials.appKey);
        type(dialog, "appSecretEdit", credentials.secret);
        type(dialog, "accessTokenEdit", credentials.accessToken);
        type(dialog, "accessTokenSecretEdit", credentials.accessTokenSecret);
    } else {
        type(dialog, "clientIdEdit", credentials.appKey);
        type(dialog, "clientSecretEdit", credentials.secret);
    }
    type(dialog, "mavenApiKeyEdit", credentials.mavenApiKey);
}

Credentials sampleCredentials(const QString &tag, LoginForm form = LoginForm::OAuth2ClientCredentials)
{
    Credentials c;
    c.form = form;
    c.username = QStringLiteral("bot-") + tag;
    c.appKey = QStringLiteral("client-id-") + tag;
    c.secret = QStringLiteral("client-secret-") + tag;
    c.mavenApiKey = QStringLiteral("maven-key-") + tag;
    if (form == LoginForm::LegacyApiKey) {
        c.accessToken = QStringLiteral("access-token-") + tag;
        c.accessTokenSecret = QStringLiteral("token-secret-") + tag;
    }
    return c;
}

ProfileConfig configFor(const QString &profile)
{
    ProfileConfig config;
    config.profile = profile;
    config.accountId = QStringLiteral("12345678");
    return config;
}

} // namespace

class TestCredentialsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensWaitingForTheKeychain();
    void savesIntoTheRealKeyring_data();
    void savesIntoTheRealKeyring();
    void reopensWithSecretsMasked();
    void incompleteEntriesCountAsMissing();
    void saveDisabledWithTheReason_data();
    void saveDisabledWithTheReason();
    void failedSaveOnALockedKeyringKeepsThePreviousEntry();
    void cancelWaitsForARunningSaveAndDestroyingIsSafe();
    void testConnectionReportsEachStepAndWritesNothing();
    void testConnectionNamesAWrongSecret();
    void closingNeverQuitsTheApplication_data();
    void closingNeverQuitsTheApplication();

private:
    // Writes credentials through a store of its own, as an earlier session would have.
    void storeDirectly(const QString &profile, const Credentials &credentials);
    Credentials readDirectly(const QString &profile, LoginForm form, Status expected);
    std::unique_ptr<CredentialsDialog> openDialog(const ProfileConfig &config, Status expectedLoad);
    QString uniqueProfile();

    QString m_collection;
    std::unique_ptr<CredentialStore> m_store;
    int m_profileCounter = 0;
};

void TestCredentialsDialog::initTestCase()
{
    qRegisterMetaType<CredentialStore::Result>();
    qRegisterMetaType<Credentials>();
    qRegisterMetaType<ProfileConfig>("ProfileConfig");
    qDBusRegisterMetaType<SecretValue>();

    // A tray app never quits because a dialog closed (B07); the app sets these, so does the test.
    QApplication::setQuitOnLastWindowClosed(false);

    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        const char *why = "no DBUS_SESSION_BUS_ADDRESS: run under tests/with-keyring.sh";
        if (qEnvironmentVariable("CI") == QLatin1String("true"))
            QFAIL(why);
        QSKIP(why);
    }
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(),
        "secret-tool missing: install libsecret-tools");
    m_collection = defaultCollection();
    QVERIFY2(!m_collection.isEmpty(), "no Secret Service with a default collection on the session bus");
    QVERIFY2(!isLocked(m_collection), "the test keyring starts locked");
}

void TestCredentialsDialog::init()
{
    m_store = std::make_unique<CredentialStore>();
    m_store->setTimeout(3s);
}

void TestCredentialsDialog::cleanup()
{
    if (!m_collection.isEmpty() && isLocked(m_collection))
        QVERIFY(unlockKeyring(m_collection));
    m_store.reset();
}

QString TestCredentialsDialog::uniqueProfile()
{
    return QStringLiteral("dialog-%1-%2").arg(QCoreApplication::applicationPid()).arg(++m_profileCounter);
}

void TestCredentialsDialog::storeDirectly(const QString &profile, const Credentials &credentials)
{
    CredentialStore store;
    QSignalSpy written(&store, &CredentialStore::writeFinished);
    store.write(profile, credentials);
    QVERIFY(written.wait(WaitMs));
    QVERIFY2(written.first().at(1).value<CredentialStore::Result>().isOk(),
        qPrintable(written.first().at(1).value<CredentialStore::Result>().message));
}

Credentials TestCredentialsDialog::readDirectly(const QString &profile, LoginForm form, Status expected)
{
    CredentialStore store;
    QSignalSpy read(&store, &CredentialStore::readFinished);
    store.read(profile, form);
    if (!read.wait(WaitMs))
        return {};
    const auto result = read.first().at(1).value<CredentialStore::Result>();
    if (result.status != expected)
        qWarning("read %s: %s", qPrintable(CredentialStore::statusName(result.status)), qPrintable(result.message));
    return read.first().at(2).value<Credentials>();
}

std::unique_ptr<CredentialsDialog> TestCredentialsDialog::openDialog(const ProfileConfig &config, Status expectedLoad)
{
    auto dialog = std::make_unique<CredentialsDialog>(m_store.get(), config);
    QSignalSpy loaded(dialog.get(), &CredentialsDialog::loadFinished);
    dialog->show();
    if (!loaded.wait(WaitMs) || loaded.first().first().value<Status>() != expectedLoad) {
        qWarning("load ended with %s",
            loaded.isEmpty() ? "nothing"
                             : qPrintable(CredentialStore::statusName(loaded.first().first().value<Status>())));
        return nullptr;
    }
    return dialog;
}

void TestCredentialsDialog::opensWaitingForTheKeychain()
{
    const QString profile = uniqueProfile();
    CredentialsDialog dialog(m_store.get(), configFor(profile));
    QSignalSpy loaded(&dialog, &CredentialsDialog::loadFinished);
    dialog.show();

    // The read is asynchronous: the window is up and says what it waits for.
    QVERIFY(dialog.isWaitingForKeychain());
    QVERIFY(statusText(&dialog).contains(QLatin1String("Waiting for the keychain")));
    QVERIFY(!child<QWidget>(&dialog, "credentialsForm")->isEnabled());
    QVERIFY(!saveButton(&dialog)->isEnabled());

    QVERIFY(loaded.wait(WaitMs));
    QCOMPARE(loaded.first().first().value<Status>(), Status::NotFound);
    QVERIFY(!dialog.isWaitingForKeychain());
    QVERIFY(child<QWidget>(&dialog, "credentialsForm")->isEnabled());
    QVERIFY2(statusText(&dialog).contains(QLatin1String("No credentials are saved")), qPrintable(statusText(&dialog)));
    QVERIFY(child<QPushButton>(&dialog, "retryButton")->isVisible());
    QVERIFY(!saveButton(&dialog)->isEnabled());
    QVERIFY(edit(&dialog, "clientSecretEdit")->text().isEmpty());
}

void TestCredentialsDialog::savesIntoTheRealKeyring_data()
{
    QTest::addColumn<LoginForm>("form");
    QTest::newRow("OAuth 2.0 client credentials") << LoginForm::OAuth2ClientCredentials;
    QTest::newRow("legacy OAuth 1.0 API key") << LoginForm::LegacyApiKey;
}

void TestCredentialsDialog::savesIntoTheRealKeyring()
{
    QFETCH(LoginForm, form);
    const QString profile = uniqueProfile();
    const Credentials typed = sampleCredentials(profile, form);

    auto dialog = openDialog(configFor(profile), Status::NotFound);
    QVERIFY(dialog);
    QSignalSpy saved(dialog.get(), &CredentialsDialog::saved);
    enter(dialog.get(), QStringLiteral("12345678"), typed);
    QVERIFY2(saveButton(dialog.get())->isEnabled(), qPrintable(dialog->saveBlockedReason()));

    QTest::mouseClick(saveButton(dialog.get()), Qt::LeftButton);
    QVERIFY(saved.wait(WaitMs));
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(!dialog->isVisible());

    const auto config = saved.first().at(0).value<ProfileConfig>();
    QCOMPARE(config.profile, profile);
    QCOMPARE(config.accountId, QStringLiteral("12345678"));
    QCOMPARE(config.loginForm, form);
    QVERIFY(saved.first().at(1).value<Credentials>() == typed);

    // In the real keyring, seen by the store and by an independent reader.
    QVERIFY(readDirectly(profile, form, Status::Ok) == typed);
    QCOMPARE(secretToolLookup(CredentialStore::keyFor(profile, CredentialStore::Field::Secret)), typed.secret);
    QCOMPARE(secretToolLookup(CredentialStore::keyFor(profile, CredentialStore::Field::MavenApiKey)),
        typed.mavenApiKey);
}

void TestCredentialsDialog::reopensWithSecretsMasked()
{
    const QString profile = uniqueProfile();
    const Credentials stored = sampleCredentials(profile);
    storeDirectly(profile, stored);

    auto dialog = openDialog(configFor(profile), Status::Ok);
    QVERIFY(dialog);
    QVERIFY2(statusText(dialog.get()).contains(QLatin1String("loaded from the keychain")),
        qPrintable(statusText(dialog.get())));
    QVERIFY(!child<QPushButton>(dialog.get(), "retryButton")->isVisible());

    // Filled from the keychain, but nothing secret is readable on screen.
    QLineEdit *secret = edit(dialog.get(), "clientSecretEdit");
    QLineEdit *maven = edit(dialog.get(), "mavenApiKeyEdit");
    QCOMPARE(edit(dialog.get(), "usernameEdit")->text(), stored.username);
    QCOMPARE(secret->text(), stored.secret);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QCOMPARE(maven->echoMode(), QLineEdit::Password);
    QVERIFY(!secret->displayText().contains(stored.secret));
    QVERIFY(!maven->displayText().contains(stored.mavenApiKey));
    QCOMPARE(edit(dialog.get(), "accountIdEdit")->text(), QStringLiteral("12345678"));
    QVERIFY2(saveButton(dialog.get())->isEnabled(), qPrintable(dialog->saveBlockedReason()));

    // Only the toggle shows them, and hiding the dialog masks them again.
    QCheckBox *show = child<QCheckBox>(dialog.get(), "showSecretsCheck");
    QVERIFY(!show->isChecked());
    show->setFocus();
    QTest::keyClick(show, Qt::Key_Space);
    QVERIFY(show->isChecked());
    QCOMPARE(secret->displayText(), stored.secret);
    QCOMPARE(maven->displayText(), stored.mavenApiKey);
    dialog->hide();
    dialog->show();
    QVERIFY(!show->isChecked());
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
}

// B03: a partial set is "missing": nothing is filled in and nothing is written back.
void TestCredentialsDialog::incompleteEntriesCountAsMissing()
{
    const QString profile = uniqueProfile();
    const Credentials stored = sampleCredentials(profile);
    storeDirectly(profile, stored);
    const QString secretKey = CredentialStore::keyFor(profile, CredentialStore::Field::Secret);
    QVERIFY(secretToolClear(secretKey));
    QVERIFY(secretToolLookup(secretKey).isEmpty());

    auto dialog = openDialog(configFor(profile), Status::Incomplete);
    QVERIFY(dialog);
    QVERIFY2(statusText(dialog.get()).contains(QLatin1String("incomplete")), qPrintable(statusText(dialog.get())));
    QVERIFY(child<QPushButton>(dialog.get(), "retryButton")->isVisible());
    QVERIFY(edit(dialog.get(), "usernameEdit")->text().isEmpty());
    QVERIFY(edit(dialog.get(), "clientIdEdit")->text().isEmpty());
    QVERIFY(!saveButton(dialog.get())->isEnabled());

    // The entries that were there are untouched, the missing one is still missing.
    QCOMPARE(secretToolLookup(CredentialStore::keyFor(profile, CredentialStore::Field::Username)), stored.username);
    QVERIFY(secretToolLookup(secretKey).isEmpty());
}

void TestCredentialsDialog::saveDisabledWithTheReason_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<LoginForm>("form");
    QTest::addColumn<QString>("reasonPart");

    const auto oauth = LoginForm::OAuth2ClientCredentials;
    const auto legacy = LoginForm::LegacyApiKey;
    QTest::newRow("account id empty") << QStringLiteral("accountIdEdit") << QString() << oauth
                                      << QStringLiteral("Enter the account id");
    QTest::newRow("account id with letters")
        << QStringLiteral("accountIdEdit") << QStringLiteral("12ab") << oauth << QStringLiteral("digits only");
    QTest::newRow("client secret missing")
        << QStringLiteral("clientSecretEdit") << QString() << oauth << QStringLiteral("client secret");
    QTest::newRow("bot user name missing")
        << QStringLiteral("usernameEdit") << QString() << oauth << QStringLiteral("bot user name");
    QTest::newRow("API key missing") << QStringLiteral("mavenApiKeyEdit") << QString() << oauth
                                     << QStringLiteral("Conversation Orchestrator API key");
    QTest::newRow("only spaces in the client id")
        << QStringLiteral("clientIdEdit") << QStringLiteral("   ") << oauth << QStringLiteral("client id");
    QTest::newRow("legacy: access token secret missing")
        << QStringLiteral("accessTokenSecretEdit") << QString() << legacy << QStringLiteral("access token secret");
    QTest::newRow("client secret of 1,025 characters")
        << QStringLiteral("clientSecretEdit") << QString(CredentialStore::MaxValueLength + 1, QLatin1Char('s')) << oauth
        << QStringLiteral("too long");
    QTest::newRow("tab inside the client id") << QStringLiteral("clientIdEdit") << QStringLiteral("client\tid") << oauth
                                              << QStringLiteral("control character");
}

void TestCredentialsDialog::saveDisabledWithTheReason()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(LoginForm, form);
    QFETCH(QString, reasonPart);

    auto dialog = openDialog(configFor(uniqueProfile()), Status::NotFound);
    QVERIFY(dialog);
    enter(dialog.get(), QStringLiteral("12345678"), sampleCredentials(QStringLiteral("valid"), form));
    QVERIFY2(saveButton(dialog.get())->isEnabled(), qPrintable(dialog->saveBlockedReason()));
    QVERIFY(!child<QLabel>(dialog.get(), "validationLabel")->isVisible());

    // setText: a tab or 1,025 characters are awkward to type, and validation sees it the same.
    edit(dialog.get(), qPrintable(field))->setText(value);
    QVERIFY(!saveButton(dialog.get())->isEnabled());
    QVERIFY(!testButton(dialog.get())->isEnabled());
    QLabel *reason = child<QLabel>(dialog.get(), "validationLabel");
    QVERIFY(reason->isVisible());
    QVERIFY2(reason->text().contains(reasonPart, Qt::CaseInsensitive), qPrintable(reason->text()));
    QCOMPARE(dialog->saveBlockedReason(), reason->text());

    // Pressing Enter does not save either.
    QSignalSpy written(m_store.get(), &CredentialStore::writeFinished);
    QTest::keyClick(dialog.get(), Qt::Key_Return);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isWaitingForKeychain());
    QVERIFY(written.isEmpty());
}

void TestCredentialsDialog::failedSaveOnALockedKeyringKeepsThePreviousEntry()
{
    const QString profile = uniqueProfile();
    const Credentials previous = sampleCredentials(QStringLiteral("previous"));
    storeDirectly(profile, previous);

    QVERIFY(lockKeyring(m_collection));
    auto unlock = qScopeGuard([this] { unlockKeyring(m_collection); });

    // Locked, the keyring reads as "not found" (libsecret searches unlocked items only).
    auto dialog = openDialog(configFor(profile), Status::NotFound);
    QVERIFY(dialog);
    QVERIFY(child<QPushButton>(dialog.get(), "retryButton")->isVisible());
    QVERIFY(statusText(dialog.get()).contains(QLatin1String("locked")));

    QSignalSpy saved(dialog.get(), &CredentialsDialog::saved);
    QSignalSpy written(m_store.get(), &CredentialStore::writeFinished);
    enter(dialog.get(), QStringLiteral("12345678"), sampleCredentials(QStringLiteral("new")));
    QTest::mouseClick(saveButton(dialog.get()), Qt::LeftButton);
    QVERIFY(dialog->isWaitingForKeychain());
    QVERIFY(written.wait(WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isWaitingForKeychain(), WaitMs);

    // The reason is shown, the dialog stays open with the typed values, nothing was announced.
    const auto result = written.first().at(1).value<CredentialStore::Result>();
    QCOMPARE(result.status, Status::Locked);
    QVERIFY2(statusText(dialog.get()).startsWith(QLatin1String("Not saved.")), qPrintable(statusText(dialog.get())));
    QVERIFY2(statusText(dialog.get()).contains(QLatin1String("locked")), qPrintable(statusText(dialog.get())));
    QVERIFY(dialog->isVisible());
    QVERIFY(saved.isEmpty());
    QCOMPARE(edit(dialog.get(), "clientSecretEdit")->text(), QStringLiteral("client-secret-new"));
    QVERIFY(saveButton(dialog.get())->isEnabled());

    // Unlocked again, the keyring still holds the previous credentials.
    unlock.dismiss();
    QVERIFY(unlockKeyring(m_collection));
    QVERIFY(readDirectly(profile, previous.form, Status::Ok) == previous);
    QCOMPARE(secretToolLookup(CredentialStore::keyFor(profile, CredentialStore::Field::Secret)), previous.secret);

    // Retry now reads them, and a second Save goes through.
    QSignalSpy loaded(dialog.get(), &CredentialsDialog::loadFinished);
    QTest::mouseClick(child<QPushButton>(dialog.get(), "retryButton"), Qt::LeftButton);
    QVERIFY(loaded.wait(WaitMs));
    QCOMPARE(loaded.first().first().value<Status>(), Status::Ok);
    QCOMPARE(edit(dialog.get(), "clientSecretEdit")->text(), previous.secret);
}

// B04: a save in flight is never lost by closing the dialog, and deleting the dialog (the app
// quitting) leaves the store's job to finish on its own.
void TestCredentialsDialog::cancelWaitsForARunningSaveAndDestroyingIsSafe()
{
    const QString profile = uniqueProfile();
    const Credentials typed = sampleCredentials(profile);
    auto dialog = openDialog(configFor(profile), Status::NotFound);
    QVERIFY(dialog);
    enter(dialog.get(), QStringLiteral("12345678"), typed);

    QSignalSpy written(m_store.get(), &CredentialStore::writeFinished);
    QTest::mouseClick(saveButton(dialog.get()), Qt::LeftButton);
    QVERIFY(dialog->isWaitingForKeychain());
    QVERIFY(!child<QDialogButtonBox>(dialog.get(), "buttonBox")->button(QDialogButtonBox::Cancel)->isEnabled());
    QTest::keyClick(dialog.get(), Qt::Key_Escape);
    dialog->close();
    QVERIFY(dialog->isVisible());
    QVERIFY(statusText(dialog.get()).contains(QLatin1String("Wait for the keychain")));

    dialog.reset();
    QVERIFY(written.wait(WaitMs));
    QVERIFY(written.first().at(1).value<CredentialStore::Result>().isOk());
    QVERIFY(readDirectly(profile, typed.form, Status::Ok) == typed);
}

void TestCredentialsDialog::testConnectionReportsEachStepAndWritesNothing()
{
    SimFixture sim;
    QVERIFY(sim.start());
    ProfileConfig config = sim.config();
    config.profile = uniqueProfile();
    config.accountId.clear(); // typed in the dialog

    auto dialog = openDialog(config, Status::NotFound);
    QVERIFY(dialog);
    enter(dialog.get(), sim.account().accountId, sim.credentials());
    QVERIFY(testButton(dialog.get())->isEnabled());

    QSignalSpy tested(dialog.get(), &CredentialsDialog::connectionTestFinished);
    QTest::mouseClick(testButton(dialog.get()), Qt::LeftButton);
    QVERIFY(!testButton(dialog.get())->isEnabled());
    QVERIFY(tested.wait(WaitMs));
    QCOMPARE(tested.first().first().toBool(), true);

    QTreeWidget *results = child<QTreeWidget>(dialog.get(), "testResults");
    QCOMPARE(results->topLevelItemCount(), 4);
    const QStringList names {QStringLiteral("Domains"),
        QStringLiteral("Login"),
        QStringLiteral("Shift status"),
        QStringLiteral("Context store")};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(results->topLevelItem(i)->text(0), names.at(i));
        QVERIFY2(results->topLevelItem(i)->text(1).startsWith(QLatin1String("OK: ")),
            qPrintable(results->topLevelItem(i)->text(1)));
    }
    const QString skills = QStringLiteral("%1 skills").arg(sim.simulator.shiftStatus().size());
    QVERIFY2(results->topLevelItem(2)->text(1).contains(skills), qPrintable(results->topLevelItem(2)->text(1)));
    QVERIFY(results->topLevelItem(3)->text(1).contains(QLatin1String("API key was accepted")));
    QVERIFY(child<QLabel>(dialog.get(), "testSummaryLabel")->text().contains(QLatin1String("passed")));
    QVERIFY(testButton(dialog.get())->isEnabled());

    // Nothing written: no PATCH, PUT or DELETE at the store, nothing in the keyring.
    for (const RecordedRequest &request : sim.simulator.requests())
        QVERIFY2(request.method == "GET" || request.method == "POST", request.method.constData());
    QCOMPARE(sim.simulator.requestCount(Endpoint::ContextWrite), 0);
    QCOMPARE(sim.simulator.requestCount(Endpoint::Logout), 1);
    QVERIFY(secretToolLookup(CredentialStore::keyFor(config.profile, CredentialStore::Field::Secret)).isEmpty());
    QVERIFY(dialog->isVisible());
}

void TestCredentialsDialog::testConnectionNamesAWrongSecret()
{
    SimFixture sim;
    QVERIFY(sim.start());
    ProfileConfig config = sim.config();
    config.profile = uniqueProfile();

    auto dialog = openDialog(config, Status::NotFound);
    QVERIFY(dialog);
    Credentials wrong = sim.credentials();
    wrong.secret = QStringLiteral("not-the-client-secret");
    enter(dialog.get(), sim.account().accountId, wrong);

    QSignalSpy tested(dialog.get(), &CredentialsDialog::connectionTestFinished);
    QTest::mouseClick(testButton(dialog.get()), Qt::LeftButton);
    QVERIFY(tested.wait(WaitMs));
    QCOMPARE(tested.first().first().toBool(), false);

    QTreeWidget *results = child<QTreeWidget>(dialog.get(), "testResults");
    QVERIFY(results->topLevelItem(0)->text(1).startsWith(QLatin1String("OK: ")));
    const QString login = results->topLevelItem(1)->text(1);
    QVERIFY2(login.startsWith(QLatin1String("Failed: ")) && login.contains(QLatin1String("401")), qPrintable(login));
    QVERIFY2(!login.contains(wrong.secret), qPrintable(login));
    QCOMPARE(results->topLevelItem(2)->text(1), QStringLiteral("Not run"));
    QCOMPARE(results->topLevelItem(3)->text(1), QStringLiteral("Not run"));
    // The summary repeats the failure whole, with its advice.
    const QString summary = child<QLabel>(dialog.get(), "testSummaryLabel")->text();
    QVERIFY2(summary.startsWith(QLatin1String("Connection test failed at Login: ")), qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("client secret")), qPrintable(summary));
    QCOMPARE(sim.simulator.requestCount(Endpoint::ShiftStatus), 0);
}

void TestCredentialsDialog::closingNeverQuitsTheApplication_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("Cancel button") << QStringLiteral("cancel");
    QTest::newRow("Escape key") << QStringLiteral("escape");
    QTest::newRow("window close") << QStringLiteral("close");
    QTest::newRow("after a successful save") << QStringLiteral("save");
}

// B07: the dialog is the only window; when it goes, the event loop must keep running.
void TestCredentialsDialog::closingNeverQuitsTheApplication()
{
    QFETCH(QString, how);
    const QString profile = uniqueProfile();
    auto dialog = openDialog(configFor(profile), Status::NotFound);
    QVERIFY(dialog);
    const auto visibleWindows = [] {
        const QWidgetList widgets = QApplication::topLevelWidgets();
        return std::count_if(widgets.cbegin(), widgets.cend(), [](const QWidget *w) { return w->isVisible(); });
    };
    QCOMPARE(visibleWindows(), 1);
    if (how == QLatin1String("save"))
        enter(dialog.get(), QStringLiteral("12345678"), sampleCredentials(profile));

    QSignalSpy finished(dialog.get(), &QDialog::finished);
    QTimer::singleShot(0, dialog.get(), [&] {
        if (!closeAsUser(dialog.get(), how))
            QTest::mouseClick(saveButton(dialog.get()), Qt::LeftButton);
    });

    // Run the application's own loop: closing the last window would end it at once.
    QCOMPARE(execUntilFinished(finished, WaitMs), EndedByTest);

    QCOMPARE(finished.size(), 1);
    QVERIFY(!dialog->isVisible());
}

QTEST_MAIN(TestCredentialsDialog)
#include "tst_credentialsdialog.moc"
