// SignalCodec: how both store backends turn the signal's content (parties, indicators,
// reporter, free text) into one JSON document column and back. The columns that lists
// filter and sort on are stored separately by each backend; this document is the rest.
// The document layout is the store's, not the API's: changing the wire JSON never
// changes stored data. Pure functions; thread-safe.
#pragma once

#include <string>

#include "base/status.h"
#include "domain/signal.h"

namespace drieluik::store {

/// The content of a signal (everything in SignalContent except the fields stored as
/// columns: channel, received_at, municipality, organisation, summary) as JSON text.
std::string EncodeSignalDocument(const domain::SignalContent& content);

/// Fills the non-column fields of `content` from a document. Internal when the stored
/// document is malformed (a bug or a damaged database, never user input).
Status DecodeSignalDocument(const std::string& document, domain::SignalContent& content);

/// History entry fields as JSON text ("["summary","description"]") and back.
std::string EncodeFieldList(const std::vector<std::string>& fields);
std::vector<std::string> DecodeFieldList(const std::string& text);

/// Opaque list cursor for keyset pagination on (received_at DESC, id DESC).
std::string EncodeCursor(TimePoint received_at, domain::SignalId id);
/// InvalidArgument on a cursor this store did not produce.
Status DecodeCursor(const std::string& cursor, TimePoint& received_at, domain::SignalId& id);

}  // namespace drieluik::store
