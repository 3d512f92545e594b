#pragma once

#include <QWidget>

#include <memory>

class QDateTime;
class QJsonObject;

namespace Ui {
class BotsReadPanel;
}

// "What bots read": the namespace as the context store returns it (the read-back), shown as
// JSON, so an operator can check what bots get without Postman. It only displays; Refresh
// asks its owner to read (refreshRequested), which answers with showProperties or showError.
class BotsReadPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BotsReadPanel(QWidget *parent = nullptr);
    ~BotsReadPanel() override;

    void showLoading();
    void showProperties(const QString &contextNamespace, const QJsonObject &properties, const QDateTime &readAt);
    void showError(const QString &message);

    QString json() const;
    QString summary() const;

Q_SIGNALS:
    void refreshRequested();

private:
    std::unique_ptr<Ui::BotsReadPanel> m_ui;
};
