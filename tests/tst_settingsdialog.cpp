// The settings dialog driven offscreen: it shows the profile and preferences it is given and
// hands back exactly what was edited, refuses invalid values with the reason shown (reserved or
// malformed namespaces, plain http to a remote host, short intervals against LivePerson),
// explains what renaming the namespace means for bots, and closing it never quits the
// application (B07). Also the pieces behind it: DesktopPreferences in QSettings, and the XDG
// autostart entry for "start at login" under a temporary XDG_CONFIG_HOME.

#include "config/autostart.h"
#include "dialogfixture.h"
#include "settingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace DialogFixture;

namespace {

constexpr int WaitMs = 5000;

QPushButton *okButton(const QWidget *dialog)
{
    return child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok);
}

// A profile that talks to LivePerson itself (nothing on this machine).
ProfileConfig remoteConfig()
{
    ProfileConfig config;
    config.profile = QStringLiteral("settings-test");
    config.accountId = QStringLiteral("12345678");
    config.loginForm = LoginForm::LegacyApiKey;
    config.contextNamespace = QStringLiteral("shift_status");
    config.intervalSeconds = 600;
    config.requestTimeoutSeconds = 20;
    config.region = QStringLiteral("z2");
    config.skillsUrl = QUrl(QStringLiteral("https://skills.example.com"));
    return config;
}

// Everything but the CSDS URL set to the simulator's loopback address.
ProfileConfig loopbackConfig()
{
    ProfileConfig config = remoteConfig();
    config.csdsUrl = QUrl(QStringLiteral("http://127.0.0.1:8089"));
    config.contextUrl = QUrl(QStringLiteral("http://127.0.0.1:8089"));
    config.skillsUrl = QUrl();
    return config;
}

// Sets an environment variable for the scope, restoring the old value after.
class ScopedEnvironment
{
public:
    ScopedEnvironment(const char *name, const QByteArray &value)
        : m_name(name)
        , m_hadValue(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnvironment()
    {
        if (m_hadValue)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    ScopedEnvironment(const ScopedEnvironment &) = delete;
    ScopedEnvironment &operator=(const ScopedEnvironment &) = delete;

private:
    const char *m_name;
    bool m_hadValue;
    QByteArray m_old;
};

QString readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void showsAndReturnsTheGivenValues();
    void returnsWhatWasEdited();
    void validation_data();
    void validation();
    void renamingTheNamespaceIsExplained();
    void closingNeverQuitsTheApplication_data();
    void closingNeverQuitsTheApplication();

    void preferencesRoundTripThroughQSettings();

    void autostartEntryWrittenAndRemoved();
    void autostartQuotesTheProgramPath_data();
    void autostartQuotesTheProgramPath();
    void autostartHonoursXdgConfigHome_data();
    void autostartHonoursXdgConfigHome();
    void autostartTurnedOffByTheDesktop_data();
    void autostartTurnedOffByTheDesktop();
};

void TestSettingsDialog::initTestCase()
{
    // A tray app never quits because a dialog closed (B07); the app sets this, so does the test.
    QApplication::setQuitOnLastWindowClosed(false);
}

void TestSettingsDialog::showsAndReturnsTheGivenValues()
{
    const ProfileConfig given = remoteConfig();
    const DesktopPreferences preferences {true, true, false};
    SettingsDialog dialog(given, preferences);
    dialog.show();

    QCOMPARE(child<QSpinBox>(&dialog, "intervalSpin")->value(), 600);
    QCOMPARE(child<QLineEdit>(&dialog, "namespaceEdit")->text(), QStringLiteral("shift_status"));
    QCOMPARE(child<QComboBox>(&dialog, "regionCombo")->currentData().toString(), QStringLiteral("z2"));
    QCOMPARE(child<QSpinBox>(&dialog, "timeoutSpin")->value(), 20);
    QVERIFY(child<QLineEdit>(&dialog, "csdsUrlEdit")->text().isEmpty()); // the default, shown as placeholder
    QVERIFY(child<QCheckBox>(&dialog, "startAtLoginCheck")->isChecked());
    QVERIFY(child<QCheckBox>(&dialog, "startHiddenCheck")->isChecked());
    QVERIFY(!child<QCheckBox>(&dialog, "notificationsCheck")->isChecked());
    QVERIFY(okButton(&dialog)->isEnabled());
    QVERIFY(dialog.problems().isEmpty());

    // Untouched, every field comes back as given, including those the dialog does not show.
    const ProfileConfig back = dialog.config();
    QCOMPARE(back.profile, given.profile);
    QCOMPARE(back.accountId, given.accountId);
    QCOMPARE(back.loginForm, given.loginForm);
    QCOMPARE(back.contextNamespace, given.contextNamespace);
    QCOMPARE(back.intervalSeconds, given.intervalSeconds);
    QCOMPARE(back.requestTimeoutSeconds, given.requestTimeoutSeconds);
    QCOMPARE(back.region, given.region);
    QCOMPARE(back.csdsUrl, given.csdsUrl);
    QCOMPARE(back.loginUrl, given.loginUrl);
    QCOMPARE(back.shiftStatusUrl, given.shiftStatusUrl);
    QCOMPARE(back.contextUrl, given.contextUrl);
    QCOMPARE(back.skillsUrl, given.skillsUrl);
    QVERIFY(dialog.preferences() == preferences);
}

void TestSettingsDialog::returnsWhatWasEdited()
{
    SettingsDialog dialog(loopbackConfig(), DesktopPreferences());
    dialog.show();

    QSpinBox *interval = child<QSpinBox>(&dialog, "intervalSpin");
    interval->setFocus();
    interval->selectAll();
    QTest::keyClicks(interval, QStringLiteral("30"));
    QLineEdit *ns = child<QLineEdit>(&dialog, "namespaceEdit");
    ns->setFocus();
    ns->selectAll();
    QTest::keyClicks(ns, QStringLiteral("bots_shifts"));
    child<QComboBox>(&dialog, "regionCombo")->setCurrentIndex(0);
    child<QLineEdit>(&dialog, "loginUrlEdit")->setText(QStringLiteral("http://localhost:9000"));
    QTest::mouseClick(child<QCheckBox>(&dialog, "startAtLoginCheck"), Qt::LeftButton);
    QTest::mouseClick(child<QCheckBox>(&dialog, "notificationsCheck"), Qt::LeftButton);

    QVERIFY2(okButton(&dialog)->isEnabled(), qPrintable(dialog.problems().join(QLatin1Char('\n'))));
    QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const ProfileConfig config = dialog.config();
    QCOMPARE(config.intervalSeconds, 30);
    QCOMPARE(config.contextNamespace, QStringLiteral("bots_shifts"));
    QCOMPARE(config.region, QString());
    QCOMPARE(config.loginUrl, QUrl(QStringLiteral("http://localhost:9000")));
    QCOMPARE(config.csdsUrl, QUrl(QStringLiteral("http://127.0.0.1:8089")));
    QVERIFY(config.validate().isEmpty());
    QCOMPARE(dialog.preferences().startAtLogin, true);
    QCOMPARE(dialog.preferences().notifications, false);
}

void TestSettingsDialog::validation_data()
{
    QTest::addColumn<bool>("loopback"); // start from the all-loopback profile
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problemPart"); // empty: accepted

    QTest::newRow("reserved namespace") << false << QStringLiteral("namespaceEdit") << QStringLiteral("consumer")
                                        << QStringLiteral("LivePerson reserves");
    QTest::newRow("reserved namespace, other case")
        << false << QStringLiteral("namespaceEdit") << QStringLiteral("FaaS") << QStringLiteral("LivePerson reserves");
    QTest::newRow("namespace with a space")
        << false << QStringLiteral("namespaceEdit") << QStringLiteral("shift status") << QStringLiteral("Namespace");
    QTest::newRow("empty namespace") << false << QStringLiteral("namespaceEdit") << QString()
                                     << QStringLiteral("Namespace");
    QTest::newRow("namespace with '-' (warning only)")
        << false << QStringLiteral("namespaceEdit") << QStringLiteral("shift-status-api") << QString();
    QTest::newRow("http to a remote login host")
        << false << QStringLiteral("loginUrlEdit") << QStringLiteral("http://login.example.com")
        << QStringLiteral("plain http is allowed only for this machine");
    QTest::newRow("http to a remote CSDS host")
        << false << QStringLiteral("csdsUrlEdit") << QStringLiteral("http://api.liveperson.net")
        << QStringLiteral("Domain API");
    QTest::newRow("http to 127.0.0.1") << false << QStringLiteral("contextUrlEdit")
                                       << QStringLiteral("http://127.0.0.1:8089") << QString();
    QTest::newRow("http to ::1") << false << QStringLiteral("shiftStatusUrlEdit") << QStringLiteral("http://[::1]:8089")
                                 << QString();
    QTest::newRow("https to a remote host") << false << QStringLiteral("shiftStatusUrlEdit")
                                            << QStringLiteral("https://va.msg.liveperson.net") << QString();
    QTest::newRow("ftp URL") << false << QStringLiteral("contextUrlEdit") << QStringLiteral("ftp://127.0.0.1")
                             << QStringLiteral("https://");
    QTest::newRow("URL without a host") << false << QStringLiteral("loginUrlEdit") << QStringLiteral("https://")
                                        << QStringLiteral("not a complete URL");
    QTest::newRow("30 s against LivePerson")
        << false << QStringLiteral("intervalSpin") << QStringLiteral("30") << QStringLiteral("at least 60 seconds");
    QTest::newRow("30 s against the simulator")
        << true << QStringLiteral("intervalSpin") << QStringLiteral("30") << QString();
}

void TestSettingsDialog::validation()
{
    QFETCH(bool, loopback);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, problemPart);

    SettingsDialog dialog(loopback ? loopbackConfig() : remoteConfig(), DesktopPreferences());
    dialog.show();
    QVERIFY(okButton(&dialog)->isEnabled());

    if (field == QLatin1String("intervalSpin"))
        child<QSpinBox>(&dialog, "intervalSpin")->setValue(value.toInt());
    else
        child<QLineEdit>(&dialog, qPrintable(field))->setText(value);

    QLabel *problems = child<QLabel>(&dialog, "problemsLabel");
    if (problemPart.isEmpty()) {
        QVERIFY2(okButton(&dialog)->isEnabled(), qPrintable(problems->text()));
        QVERIFY(!problems->isVisible());
        QVERIFY(dialog.problems().isEmpty());
        QVERIFY2(dialog.config().validate().isEmpty(), qPrintable(dialog.config().validate().join(QLatin1Char(';'))));
        return;
    }

    QVERIFY(!okButton(&dialog)->isEnabled());
    QVERIFY(problems->isVisible());
    QVERIFY2(problems->text().contains(problemPart, Qt::CaseInsensitive), qPrintable(problems->text()));
    QCOMPARE(dialog.problems().size(), 1);

    // Enter (the default button's shortcut) does not accept invalid settings either.
    QTest::keyClick(&dialog, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestSettingsDialog::renamingTheNamespaceIsExplained()
{
    SettingsDialog dialog(remoteConfig(), DesktopPreferences());
    dialog.show();
    QLabel *note = child<QLabel>(&dialog, "namespaceNoteLabel");
    QVERIFY(!note->isVisible());

    child<QLineEdit>(&dialog, "namespaceEdit")->setText(QStringLiteral("new_shifts"));
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QLatin1String("Bots keep reading \"shift_status\"")), qPrintable(note->text()));
    QVERIFY(note->text().contains(QLatin1String("\"new_shifts\"")));
    QVERIFY(note->text().contains(QLatin1String("keeps its last data")));
    QVERIFY(okButton(&dialog)->isEnabled());

    // Back to the old name: nothing to explain.
    child<QLineEdit>(&dialog, "namespaceEdit")->setText(QStringLiteral("shift_status"));
    QVERIFY(!note->isVisible());
}

void TestSettingsDialog::closingNeverQuitsTheApplication_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("OK") << QStringLiteral("ok");
    QTest::newRow("Cancel") << QStringLiteral("cancel");
    QTest::newRow("Escape key") << QStringLiteral("escape");
    QTest::newRow("window close") << QStringLiteral("close");
}

// B07: the dialog is the only window; when it goes, the event loop must keep running.
void TestSettingsDialog::closingNeverQuitsTheApplication()
{
    QFETCH(QString, how);
    SettingsDialog dialog(remoteConfig(), DesktopPreferences());
    dialog.show();
    QSignalSpy finished(&dialog, &QDialog::finished);

    QTimer::singleShot(0, &dialog, [&] {
        if (how == QLatin1String("ok"))
            QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        else
            closeAsUser(&dialog, how);
    });

    // Run the application's own loop: closing the last window would end it at once.
    QCOMPARE(execUntilFinished(finished, WaitMs), EndedByTest);

    QCOMPARE(finished.size(), 1);
    QVERIFY(!dialog.isVisible());
}

void TestSettingsDialog::preferencesRoundTripThroughQSettings()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("settings.ini"));

    {
        QSettings settings(path, QSettings::IniFormat);
        QVERIFY(DesktopPreferences::load(settings) == DesktopPreferences());
        QCOMPARE(DesktopPreferences::load(settings).notifications, true); // on unless turned off
        DesktopPreferences {true, true, false}.save(settings);
    }

    QSettings settings(path, QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("desktop/startAtLogin")).toBool(), true);
    QCOMPARE(settings.value(QStringLiteral("desktop/startHidden")).toBool(), true);
    QCOMPARE(settings.value(QStringLiteral("desktop/notifications")).toBool(), false);
    QVERIFY((DesktopPreferences::load(settings) == DesktopPreferences {true, true, false}));
}

void TestSettingsDialog::autostartEntryWrittenAndRemoved()
{
    QTemporaryDir config;
    QVERIFY(config.isValid());
    ScopedEnvironment xdg("XDG_CONFIG_HOME", config.path().toUtf8());

    const QString expected = config.path() + QStringLiteral("/autostart/org.shiftsync.ShiftSync.desktop");
    QCOMPARE(Autostart::entryPath(), expected);
    QVERIFY(!Autostart::isEnabled());

    QString error;
    QVERIFY2(Autostart::setEnabled(true, QStringLiteral("/usr/bin/shiftsync"), &error), qPrintable(error));
    QVERIFY(QFile::exists(expected));
    QVERIFY(Autostart::isEnabled());
    const QStringList lines = readFile(expected).split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), QStringLiteral("[Desktop Entry]"));
    QVERIFY(lines.contains(QStringLiteral("Type=Application")));
    QVERIFY(lines.contains(QStringLiteral("Exec=/usr/bin/shiftsync")));
    QVERIFY(lines.contains(QStringLiteral("X-GNOME-Autostart-enabled=true")));
    QVERIFY(lines.contains(QStringLiteral("Name=ShiftSync")));

    // Writing again is fine; turning it off removes the file; off twice is fine too.
    QVERIFY(Autostart::enable(QStringLiteral("/usr/bin/shiftsync"), &error));
    QVERIFY2(Autostart::setEnabled(false, QString(), &error), qPrintable(error));
    QVERIFY(!QFile::exists(expected));
    QVERIFY(!Autostart::isEnabled());
    QVERIFY(Autostart::disable(&error));

    // Without an absolute program path nothing is written.
    QVERIFY(!Autostart::enable(QStringLiteral("shiftsync"), &error));
    QVERIFY(error.contains(QLatin1String("absolute")));
    QVERIFY(!QFile::exists(expected));
}

void TestSettingsDialog::autostartQuotesTheProgramPath_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("execLine");

    QTest::newRow("plain path") << QStringLiteral("/opt/shiftsync/bin/shiftsync")
                                << QStringLiteral("Exec=/opt/shiftsync/bin/shiftsync");
    QTest::newRow("space in the path") << QStringLiteral("/home/ann/My Apps/shiftsync")
                                       << QStringLiteral("Exec=\"/home/ann/My Apps/shiftsync\"");
    QTest::newRow("dollar and quote") << QStringLiteral("/tmp/a$b\"c/shiftsync")
                                      << QStringLiteral("Exec=\"/tmp/a\\\\$b\\\\\"c/shiftsync\"");
    QTest::newRow("percent sign") << QStringLiteral("/tmp/100%/shiftsync")
                                  << QStringLiteral("Exec=/tmp/100%%/shiftsync");
}

void TestSettingsDialog::autostartQuotesTheProgramPath()
{
    QFETCH(QString, program);
    QFETCH(QString, execLine);
    QVERIFY2(Autostart::entryText(program).split(QLatin1Char('\n')).contains(execLine),
        qPrintable(Autostart::entryText(program)));
}

void TestSettingsDialog::autostartHonoursXdgConfigHome_data()
{
    QTest::addColumn<QString>("xdgConfigHome"); // "<tmp>" is replaced by a temporary directory
    QTest::addColumn<QString>("expectedBase"); // "<tmp>" or "<home>/.config"

    QTest::newRow("XDG_CONFIG_HOME set") << QStringLiteral("<tmp>/xdg") << QStringLiteral("<tmp>/xdg");
    QTest::newRow("XDG_CONFIG_HOME empty") << QString() << QStringLiteral("<home>/.config");
    QTest::newRow("XDG_CONFIG_HOME relative (ignored)")
        << QStringLiteral("relative/dir") << QStringLiteral("<home>/.config");
}

void TestSettingsDialog::autostartHonoursXdgConfigHome()
{
    QFETCH(QString, xdgConfigHome);
    QFETCH(QString, expectedBase);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString home = tmp.filePath(QStringLiteral("home"));
    ScopedEnvironment homeVariable("HOME", home.toUtf8());
    xdgConfigHome.replace(QLatin1String("<tmp>"), tmp.path());
    ScopedEnvironment xdg("XDG_CONFIG_HOME", xdgConfigHome.toUtf8());
    expectedBase.replace(QLatin1String("<tmp>"), tmp.path()).replace(QLatin1String("<home>"), home);

    const QString expected = expectedBase + QStringLiteral("/autostart/org.shiftsync.ShiftSync.desktop");
    QCOMPARE(Autostart::entryPath(), expected);
    QString error;
    QVERIFY2(Autostart::enable(QStringLiteral("/usr/bin/shiftsync"), &error), qPrintable(error));
    QVERIFY(QFile::exists(expected));
    QVERIFY(Autostart::disable(&error));
    QVERIFY(!QFile::exists(expected));
}

void TestSettingsDialog::autostartTurnedOffByTheDesktop_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("Hidden=true") << QStringLiteral("Hidden=true");
    QTest::newRow("X-GNOME-Autostart-enabled=false") << QStringLiteral("X-GNOME-Autostart-enabled=false");
}

// A desktop's "startup applications" panel turns an entry off by editing it, not deleting it.
void TestSettingsDialog::autostartTurnedOffByTheDesktop()
{
    QFETCH(QString, line);
    QTemporaryDir config;
    QVERIFY(config.isValid());
    ScopedEnvironment xdg("XDG_CONFIG_HOME", config.path().toUtf8());

    QVERIFY(Autostart::enable(QStringLiteral("/usr/bin/shiftsync")));
    QString text = readFile(Autostart::entryPath());
    text.replace(QLatin1String("X-GNOME-Autostart-enabled=true"), line);
    QFile file(Autostart::entryPath());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
    file.close();

    QVERIFY(!Autostart::isEnabled());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
