#include "credentialsdialog.h"

#include "net/httpservice.h"
#include "plaintext.h"
#include "sync/connectiontester.h"
#include "ui_credentialsdialog.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>

namespace {

bool isAccountId(const QString &text)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,20}$"));
    return digits.match(text).hasMatch();
}

} // namespace

CredentialsDialog::CredentialsDialog(CredentialStore *store, const ProfileConfig &config, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CredentialsDialog>())
    , m_store(store)
    , m_config(config)
    , m_nam(new QNetworkAccessManager(this))
    , m_http(new HttpService(m_nam, this))
    , m_tester(new ConnectionTester(m_http, this))
{
    m_ui->setupUi(this);
    PlainText::applyToLabels(this);
    setWindowTitle(tr("Bot Credentials – %1").arg(m_config.profile));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setDefault(true);
    // Step names stay whole; a long result is cut here, and the summary repeats a failure whole.
    m_ui->testResults->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->testResults->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_ui->accountIdEdit->setText(m_config.accountId);

    setUpLoginForms();
    connectFields();

    connect(m_store, &CredentialStore::readFinished, this, &CredentialsDialog::onReadFinished);
    connect(m_store, &CredentialStore::writeFinished, this, &CredentialsDialog::onWriteFinished);
    connect(m_tester, &ConnectionTester::stepStarted, this, &CredentialsDialog::onTestStepStarted);
    connect(m_tester, &ConnectionTester::stepFinished, this, &CredentialsDialog::onTestStepFinished);
    connect(m_tester, &ConnectionTester::finished, this, &CredentialsDialog::onTestFinished);

    reload();
}

CredentialsDialog::~CredentialsDialog()
{
    // The tester talks through m_http, and m_http holds replies owned by m_nam: end them in
    // that order rather than in the order they were created.
    delete m_tester;
    delete m_http;
    delete m_nam;
}

void CredentialsDialog::setUpLoginForms()
{
    m_ui->loginFormCombo->addItem(tr("OAuth 2.0 client credentials (recommended)"),
        QVariant::fromValue(static_cast<int>(LoginForm::OAuth2ClientCredentials)));
    m_ui->loginFormCombo->addItem(tr("Legacy OAuth 1.0 API key (retired by LivePerson)"),
        QVariant::fromValue(static_cast<int>(LoginForm::LegacyApiKey)));

    const int index = m_ui->loginFormCombo->findData(static_cast<int>(m_config.loginForm));
    m_ui->loginFormCombo->setCurrentIndex(std::max(index, 0));
    showFieldsOfSelectedForm();

    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    m_ui->retiredLabel->setText(QStringLiteral("⚠ ") + m_ui->retiredLabel->text());
    m_ui->loginFormCombo->setItemIcon(1, warning);
}

void CredentialsDialog::connectFields()
{
    connect(m_ui->loginFormCombo, &QComboBox::currentIndexChanged, this, [this] {
        showFieldsOfSelectedForm();
        updateValidation();
    });

    const QList<QLineEdit *> edits {m_ui->accountIdEdit,
        m_ui->usernameEdit,
        m_ui->clientIdEdit,
        m_ui->clientSecretEdit,
        m_ui->appKeyEdit,
        m_ui->appSecretEdit,
        m_ui->accessTokenEdit,
        m_ui->accessTokenSecretEdit,
        m_ui->mavenApiKeyEdit};
    for (QLineEdit *edit : edits)
        connect(edit, &QLineEdit::textChanged, this, &CredentialsDialog::updateValidation);

    connect(m_ui->showSecretsCheck, &QCheckBox::toggled, this, &CredentialsDialog::showSecrets);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &CredentialsDialog::reload);
    connect(m_ui->testButton, &QPushButton::clicked, this, &CredentialsDialog::startConnectionTest);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CredentialsDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &CredentialsDialog::reject);
}

void CredentialsDialog::showFieldsOfSelectedForm()
{
    // One form layout for both methods keeps the labels aligned; each shows only its own rows.
    // The two keep separate fields, so switching back and forth loses nothing typed.
    const bool legacy = selectedForm() == LoginForm::LegacyApiKey;
    QFormLayout *form = m_ui->credentialsFormLayout;
    form->setRowVisible(m_ui->retiredLabel, legacy);
    for (QWidget *field : {m_ui->appKeyEdit, m_ui->appSecretEdit, m_ui->accessTokenEdit, m_ui->accessTokenSecretEdit})
        form->setRowVisible(field, legacy);
    for (QWidget *field : {m_ui->clientIdEdit, m_ui->clientSecretEdit})
        form->setRowVisible(field, !legacy);
}

// ---- keychain ----

void CredentialsDialog::reload()
{
    if (m_busy != Busy::No)
        return;

    setBusy(Busy::Reading);
    setKeychainStatus(tr("Waiting for the keychain… If your desktop asks you to unlock it, do so."), false);
    m_store->read(m_config.profile, m_config.loginForm);
}

void CredentialsDialog::onReadFinished(const QString &profile,
    const CredentialStore::Result &result,
    const Credentials &credentials)
{
    // The store is shared: only the answer to our own read matters.
    if (profile != m_config.profile || m_busy != Busy::Reading)
        return;

    setBusy(Busy::No);
    switch (result.status) {
    case CredentialStore::Status::Ok:
        fill(credentials);
        setKeychainStatus(tr("The saved credentials were loaded from the keychain. Secrets stay hidden unless you "
                             "tick Show secrets."),
            false);
        break;
    case CredentialStore::Status::NotFound:
        // On Secret Service a locked keyring reads as "not found" too, so Retry stays offered.
        setKeychainStatus(tr("No credentials are saved for profile \"%1\" yet: enter them below. If you saved them "
                             "before, the keyring may be locked; unlock it and choose Retry.")
                              .arg(m_config.profile),
            true);
        break;
    case CredentialStore::Status::Incomplete:
        // Counts as missing (B03): nothing partial is filled in, and nothing is written back.
        setKeychainStatus(tr("The saved credentials are incomplete: %1").arg(result.message), true);
        break;
    default:
        setKeychainStatus(tr("The keychain could not be read: %1").arg(result.message), true);
        break;
    }
    updateValidation();
    Q_EMIT loadFinished(result.status);
}

void CredentialsDialog::fill(const Credentials &credentials)
{
    const int index = m_ui->loginFormCombo->findData(static_cast<int>(credentials.form));
    m_ui->loginFormCombo->setCurrentIndex(std::max(index, 0));
    m_ui->usernameEdit->setText(credentials.username);
    m_ui->mavenApiKeyEdit->setText(credentials.mavenApiKey);
    if (credentials.form == LoginForm::LegacyApiKey) {
        m_ui->appKeyEdit->setText(credentials.appKey);
        m_ui->appSecretEdit->setText(credentials.secret);
        m_ui->accessTokenEdit->setText(credentials.accessToken);
        m_ui->accessTokenSecretEdit->setText(credentials.accessTokenSecret);
    } else {
        m_ui->clientIdEdit->setText(credentials.appKey);
        m_ui->clientSecretEdit->setText(credentials.secret);
    }
}

void CredentialsDialog::save()
{
    updateValidation();
    if (m_busy != Busy::No || !m_blockedReason.isEmpty())
        return;

    setBusy(Busy::Saving);
    setKeychainStatus(tr("Saving to the keychain… If your desktop asks you to unlock it, do so."), false);
    m_store->write(m_config.profile, typedCredentials());
}

void CredentialsDialog::onWriteFinished(const QString &profile, const CredentialStore::Result &result)
{
    if (profile != m_config.profile || m_busy != Busy::Saving)
        return;

    setBusy(Busy::No);
    if (!result.isOk()) {
        setKeychainStatus(tr("Not saved. %1").arg(result.message), false);
        updateValidation();
        return;
    }

    // Read back what was written from the fields, which did not change while saving.
    const Credentials credentials = typedCredentials();
    const ProfileConfig config = typedConfig();
    m_config = config;
    Q_EMIT saved(config, credentials);
    accept();
}

void CredentialsDialog::reject()
{
    if (m_busy == Busy::Saving) {
        setKeychainStatus(tr("Saving to the keychain… Wait for the keychain to answer before closing."), false);
        return;
    }
    QDialog::reject();
}

void CredentialsDialog::setBusy(Busy busy)
{
    m_busy = busy;
    const bool idle = busy == Busy::No;
    m_ui->credentialsForm->setEnabled(idle);
    m_ui->retryButton->setEnabled(idle);
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setEnabled(busy != Busy::Saving);
    updateValidation();
}

void CredentialsDialog::setKeychainStatus(const QString &text, bool retry)
{
    m_ui->keychainStatusLabel->setText(text);
    m_ui->retryButton->setVisible(retry);
}

// ---- fields ----

void CredentialsDialog::showSecrets(bool shown)
{
    for (QLineEdit *edit : secretEdits())
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
}

void CredentialsDialog::hideEvent(QHideEvent *event)
{
    // Shown again later, the dialog starts masked, whatever the toggle was.
    m_ui->showSecretsCheck->setChecked(false);
    QDialog::hideEvent(event);
}

QList<QLineEdit *> CredentialsDialog::secretEdits() const
{
    return {m_ui->clientSecretEdit,
        m_ui->appSecretEdit,
        m_ui->accessTokenEdit,
        m_ui->accessTokenSecretEdit,
        m_ui->mavenApiKeyEdit};
}

LoginForm CredentialsDialog::selectedForm() const
{
    return static_cast<LoginForm>(m_ui->loginFormCombo->currentData().toInt());
}

Credentials CredentialsDialog::typedCredentials() const
{
    // Pasted keys often carry a stray space or line break at either end; none of them is real.
    Credentials credentials;
    credentials.form = selectedForm();
    credentials.username = m_ui->usernameEdit->text().trimmed();
    credentials.mavenApiKey = m_ui->mavenApiKeyEdit->text().trimmed();
    if (credentials.form == LoginForm::LegacyApiKey) {
        credentials.appKey = m_ui->appKeyEdit->text().trimmed();
        credentials.secret = m_ui->appSecretEdit->text().trimmed();
        credentials.accessToken = m_ui->accessTokenEdit->text().trimmed();
        credentials.accessTokenSecret = m_ui->accessTokenSecretEdit->text().trimmed();
    } else {
        credentials.appKey = m_ui->clientIdEdit->text().trimmed();
        credentials.secret = m_ui->clientSecretEdit->text().trimmed();
    }
    return credentials;
}

ProfileConfig CredentialsDialog::typedConfig() const
{
    ProfileConfig config = m_config;
    config.accountId = m_ui->accountIdEdit->text().trimmed();
    config.loginForm = selectedForm();
    return config;
}

void CredentialsDialog::updateValidation()
{
    m_blockedReason = m_busy == Busy::No ? validationProblem() : QString();
    m_ui->validationLabel->setText(m_blockedReason);
    m_ui->validationLabel->setVisible(!m_blockedReason.isEmpty());

    const bool usable = m_busy == Busy::No && m_blockedReason.isEmpty();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(usable);
    m_ui->testButton->setEnabled(usable && !m_tester->isRunning());
}

QString CredentialsDialog::validationProblem() const
{
    const QString accountId = m_ui->accountIdEdit->text().trimmed();
    if (accountId.isEmpty())
        return tr("Enter the account id.");
    if (!isAccountId(accountId))
        return tr("The account id must be digits only (up to 20).");

    const Credentials credentials = typedCredentials();
    const bool legacy = credentials.form == LoginForm::LegacyApiKey;
    QStringList missing;
    const auto need = [&missing](const QString &value, const QString &name) {
        if (value.isEmpty())
            missing << name;
    };
    need(credentials.username, tr("bot user name"));
    need(credentials.appKey, legacy ? tr("app key") : tr("client id"));
    need(credentials.secret, legacy ? tr("app secret") : tr("client secret"));
    if (legacy) {
        need(credentials.accessToken, tr("access token"));
        need(credentials.accessTokenSecret, tr("access token secret"));
    }
    need(credentials.mavenApiKey, tr("Conversation Orchestrator API key"));
    if (!missing.isEmpty())
        return tr("Still needed: %1.").arg(missing.join(tr(", ")));

    // Sizes and control characters: the store's own check, so Save never offers what it refuses.
    const CredentialStore::Result check = CredentialStore::checkForSaving(m_config.profile, credentials);
    return check.isOk() ? QString() : check.message;
}

// ---- connection test ----

void CredentialsDialog::startConnectionTest()
{
    if (!m_blockedReason.isEmpty() || m_tester->isRunning())
        return;

    const ProfileConfig config = typedConfig();
    m_http->setTransferTimeoutMs(config.requestTimeoutSeconds * 1000);
    m_http->setHttp2Allowed(config.http2Allowed);

    m_ui->testResults->clear();
    m_testFailure.clear();
    for (const SyncStep step : ConnectionTester::steps())
        testRow(step)->setText(1, tr("Waiting"));
    m_ui->testSummaryLabel->setText(tr("Testing… nothing is saved or written."));
    m_ui->testButton->setEnabled(false);
    m_tester->start(config, typedCredentials());
}

QTreeWidgetItem *CredentialsDialog::testRow(SyncStep step)
{
    const int key = static_cast<int>(step);
    for (int i = 0; i < m_ui->testResults->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_ui->testResults->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toInt() == key)
            return item;
    }

    QString name;
    switch (step) {
    case SyncStep::Configuration:
        name = tr("Settings");
        break;
    case SyncStep::Credentials:
        name = tr("Credentials");
        break;
    case SyncStep::Domains:
        name = tr("Domains");
        break;
    case SyncStep::Login:
        name = tr("Login");
        break;
    case SyncStep::FetchShiftStatus:
        name = tr("Shift status");
        break;
    case SyncStep::ReadBack:
        name = tr("Context store");
        break;
    default:
        name = stepName(step);
        break;
    }
    auto *item = new QTreeWidgetItem(m_ui->testResults, {name, QString()});
    item->setData(0, Qt::UserRole, key);
    return item;
}

void CredentialsDialog::onTestStepStarted(SyncStep step)
{
    testRow(step)->setText(1, tr("Running…"));
}

void CredentialsDialog::onTestStepFinished(SyncStep step, bool ok, const QString &message)
{
    QTreeWidgetItem *item = testRow(step);
    item->setIcon(0, style()->standardIcon(ok ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical));
    item->setText(1, (ok ? tr("OK: %1") : tr("Failed: %1")).arg(message));
    item->setToolTip(1, PlainText::toolTip(message));
    item->setData(1, Qt::UserRole, ok);
    if (!ok)
        m_testFailure = tr("Connection test failed at %1: %2").arg(item->text(0), message);
}

void CredentialsDialog::onTestFinished(bool ok)
{
    // Steps after a failure never ran; say so instead of leaving them "Waiting".
    for (int i = 0; i < m_ui->testResults->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_ui->testResults->topLevelItem(i);
        if (!item->data(1, Qt::UserRole).isValid())
            item->setText(1, tr("Not run"));
    }

    // The failing step's message carries the advice ("check the client secret"): show it whole.
    m_ui->testSummaryLabel->setText(ok ? tr("Connection test passed. Nothing was saved or written.") : m_testFailure);
    updateValidation();
    Q_EMIT connectionTestFinished(ok);
}
