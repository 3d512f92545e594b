#include "settingsdialog.h"

#include "config/namespacerule.h"
#include "net/httpservice.h"
#include "plaintext.h"
#include "ui_settingsdialog.h"

#include <QLabel>
#include <QPushButton>

namespace {

constexpr int MinimumRemoteIntervalSeconds = 60;

} // namespace

SettingsDialog::SettingsDialog(const ProfileConfig &config, const DesktopPreferences &preferences, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_original(config)
{
    m_ui->setupUi(this);
    PlainText::applyToLabels(this);
    setWindowTitle(tr("Settings – %1").arg(config.profile));
    m_ui->intervalSpin->setSuffix(tr(" s"));
    m_ui->timeoutSpin->setSuffix(tr(" s"));
    m_ui->csdsUrlEdit->setPlaceholderText(ProfileConfig().csdsUrl.toString());
    for (QLineEdit *edit : {m_ui->loginUrlEdit, m_ui->shiftStatusUrlEdit, m_ui->contextUrlEdit})
        edit->setPlaceholderText(tr("from the Domain API"));

    setUpRegions();
    load(config, preferences);
    connectFields();
    updateValidation();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setUpRegions()
{
    m_ui->regionCombo->addItem(tr("Automatic (from the account's Domain API hosts)"), QString());
    m_ui->regionCombo->addItem(tr("z1 – Americas"), QStringLiteral("z1"));
    m_ui->regionCombo->addItem(tr("z2 – Europe, Middle East and Africa"), QStringLiteral("z2"));
    m_ui->regionCombo->addItem(tr("z3 – Asia Pacific"), QStringLiteral("z3"));
}

void SettingsDialog::load(const ProfileConfig &config, const DesktopPreferences &preferences)
{
    m_ui->intervalSpin->setValue(config.intervalSeconds);
    m_ui->namespaceEdit->setText(config.contextNamespace);
    m_ui->regionCombo->setCurrentIndex(std::max(m_ui->regionCombo->findData(config.region), 0));
    m_ui->timeoutSpin->setValue(config.requestTimeoutSeconds);

    // The default CSDS URL shows as the placeholder, so an untouched field stays "default".
    const bool defaultCsds = config.csdsUrl == ProfileConfig().csdsUrl;
    m_ui->csdsUrlEdit->setText(defaultCsds ? QString() : config.csdsUrl.toString());
    m_ui->loginUrlEdit->setText(config.loginUrl.toString());
    m_ui->shiftStatusUrlEdit->setText(config.shiftStatusUrl.toString());
    m_ui->contextUrlEdit->setText(config.contextUrl.toString());

    m_ui->startAtLoginCheck->setChecked(preferences.startAtLogin);
    m_ui->startHiddenCheck->setChecked(preferences.startHidden);
    m_ui->notificationsCheck->setChecked(preferences.notifications);
}

void SettingsDialog::connectFields()
{
    connect(m_ui->intervalSpin, &QSpinBox::valueChanged, this, &SettingsDialog::updateValidation);
    connect(m_ui->timeoutSpin, &QSpinBox::valueChanged, this, &SettingsDialog::updateValidation);
    connect(m_ui->regionCombo, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateValidation);
    for (QLineEdit *edit :
        {m_ui->namespaceEdit, m_ui->csdsUrlEdit, m_ui->loginUrlEdit, m_ui->shiftStatusUrlEdit, m_ui->contextUrlEdit})
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::updateValidation);

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

QUrl SettingsDialog::urlFrom(const QLineEdit *edit)
{
    const QString text = edit->text().trimmed();
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

ProfileConfig SettingsDialog::config() const
{
    ProfileConfig config = m_original;
    config.intervalSeconds = m_ui->intervalSpin->value();
    config.contextNamespace = m_ui->namespaceEdit->text().trimmed();
    config.region = m_ui->regionCombo->currentData().toString();
    config.requestTimeoutSeconds = m_ui->timeoutSpin->value();

    const QUrl csds = urlFrom(m_ui->csdsUrlEdit);
    config.csdsUrl = csds.isEmpty() ? ProfileConfig().csdsUrl : csds;
    config.loginUrl = urlFrom(m_ui->loginUrlEdit);
    config.shiftStatusUrl = urlFrom(m_ui->shiftStatusUrlEdit);
    config.contextUrl = urlFrom(m_ui->contextUrlEdit);
    return config;
}

DesktopPreferences SettingsDialog::preferences() const
{
    DesktopPreferences preferences;
    preferences.startAtLogin = m_ui->startAtLoginCheck->isChecked();
    preferences.startHidden = m_ui->startHiddenCheck->isChecked();
    preferences.notifications = m_ui->notificationsCheck->isChecked();
    return preferences;
}

QString SettingsDialog::urlProblem(const QLineEdit *edit, const QString &name) const
{
    if (edit->text().trimmed().isEmpty())
        return QString();

    const QUrl url = urlFrom(edit);
    if (!url.isValid() || url.host().isEmpty())
        return tr("%1: \"%2\" is not a complete URL (e.g. https://host.example.com).")
            .arg(name, edit->text().trimmed());
    if (url.scheme() == QLatin1String("https"))
        return QString();
    if (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host()))
        return QString();
    if (url.scheme() == QLatin1String("http"))
        return tr("%1: plain http is allowed only for this machine (localhost, 127.0.0.1, ::1); use https for %2.")
            .arg(name, url.host());
    return tr("%1: use an https:// URL.").arg(name);
}

void SettingsDialog::updateValidation()
{
    QStringList problems;

    const QString ns = m_ui->namespaceEdit->text().trimmed();
    if (const QString error = NamespaceRule::error(ns); !error.isEmpty())
        problems << tr("Namespace: %1").arg(error);

    const QStringList urlProblems {urlProblem(m_ui->csdsUrlEdit, tr("Domain API")),
        urlProblem(m_ui->loginUrlEdit, tr("Login")),
        urlProblem(m_ui->shiftStatusUrlEdit, tr("Shift status")),
        urlProblem(m_ui->contextUrlEdit, tr("Context store"))};
    for (const QString &problem : urlProblems) {
        if (!problem.isEmpty())
            problems << problem;
    }

    // Short intervals would hammer LivePerson; only a local simulator may be asked that often.
    if (urlProblems.join(QString()).isEmpty() && m_ui->intervalSpin->value() < MinimumRemoteIntervalSeconds
        && !config().allEndpointsLoopback()) {
        problems << tr("Interval: at least %1 seconds, unless every endpoint is on this machine.")
                        .arg(MinimumRemoteIntervalSeconds);
    }

    m_problems = problems;
    m_ui->problemsLabel->setText(problems.join(QLatin1Char('\n')));
    m_ui->problemsLabel->setVisible(!problems.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty());
    describeNamespace();
}

void SettingsDialog::describeNamespace()
{
    const QString ns = m_ui->namespaceEdit->text().trimmed();
    const QString old = m_original.contextNamespace;
    QStringList notes;

    if (const QString error = NamespaceRule::error(ns); !error.isEmpty())
        notes << error;
    else if (const QString warning = NamespaceRule::warning(ns); !warning.isEmpty())
        notes << warning;

    if (ns != old && NamespaceRule::error(ns).isEmpty()) {
        notes << tr("Renaming moves where ShiftSync writes. Bots keep reading \"%1\" until their flows are changed to "
                    "read \"%2\", and \"%1\" keeps its last data, which then goes stale.")
                     .arg(old, ns);
    }
    m_ui->namespaceNoteLabel->setText(notes.join(QLatin1Char('\n')));
    m_ui->namespaceNoteLabel->setVisible(!notes.isEmpty());
}

void SettingsDialog::accept()
{
    updateValidation();
    if (!m_problems.isEmpty())
        return;
    QDialog::accept();
}

void SettingsDialog::setRunOverrides(const QStringList &overrides)
{
    if (overrides.isEmpty())
        return;

    auto *label = new QLabel(this);
    label->setObjectName(QStringLiteral("overridesLabel"));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setText(tr("For this run, command-line options override: %1. The values below are the saved "
                      "settings; they take effect when ShiftSync starts without those options.")
                       .arg(overrides.join(QStringLiteral(", "))));
    m_ui->dialogLayout->insertWidget(0, label);
}
