#include "botsreadpanel.h"

#include "plaintext.h"
#include "timetext.h"
#include "ui_botsreadpanel.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonObject>

BotsReadPanel::BotsReadPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::BotsReadPanel>())
{
    m_ui->setupUi(this);
    PlainText::applyToLabels(this);
    m_ui->jsonView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &BotsReadPanel::refreshRequested);
}

BotsReadPanel::~BotsReadPanel() = default;

void BotsReadPanel::showLoading()
{
    m_ui->refreshButton->setEnabled(false);
    m_ui->summaryLabel->setText(tr("Reading the namespace…"));
}

void BotsReadPanel::showProperties(const QString &contextNamespace,
    const QJsonObject &properties,
    const QDateTime &readAt)
{
    m_ui->refreshButton->setEnabled(true);

    // Every key but "timestamp" is a skill, as the reference job writes it.
    const QString timestamp = properties.value(QLatin1String("timestamp")).toString();
    const qsizetype skills = properties.size() - (properties.contains(QLatin1String("timestamp")) ? 1 : 0);
    m_ui->summaryLabel->setText(tr("Namespace \"%1\" as read at %2. Skill keys: %3. Written at: %4.")
                                    .arg(contextNamespace,
                                        TimeText::localTime(readAt, readAt),
                                        QString::number(skills),
                                        timestamp.isEmpty() ? tr("(no timestamp)") : timestamp));
    m_ui->jsonView->setPlainText(QString::fromUtf8(QJsonDocument(properties).toJson(QJsonDocument::Indented)));
}

void BotsReadPanel::showError(const QString &message)
{
    m_ui->refreshButton->setEnabled(true);
    m_ui->summaryLabel->setText(tr("Could not read the namespace: %1").arg(message));
}

QString BotsReadPanel::json() const
{
    return m_ui->jsonView->toPlainText();
}

QString BotsReadPanel::summary() const
{
    return m_ui->summaryLabel->text();
}
