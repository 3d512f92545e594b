#pragma once

#include "credentialstore.h"

#include <QString>

#include <qt6keychain/keychain.h>

// How CredentialStore reads a finished QtKeychain job's error code. Kept apart so that a test
// can pin the mapping for codes the Linux backend never produces (AccessDeniedByUser,
// NotImplemented...).
namespace KeychainError {

// EntryNotFound -> NotFound; AccessDenied(ByUser) -> Locked; NoBackendAvailable,
// NotImplemented and OtherError -> NoService (on Linux OtherError is what a missing Secret
// Service, a missing bus or a missing libsecret produce); anything else -> Failed.
CredentialStore::Status statusFor(QKeychain::Error error);

// One sentence or two for people: what the error means and what to do. Includes the
// library's own text where it helps; never a value.
QString explain(QKeychain::Error error, const QString &libraryText);

} // namespace KeychainError
