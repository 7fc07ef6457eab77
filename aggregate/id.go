package aggregate

import (
	"crypto/sha256"
	"encoding/hex"
)

// ID is the 集計ID of an aggregate.json: the first eight hex digits of the SHA-256 of its
// bytes, as 「1a2b-3c4d」. Every output of one aggregate carries it, so a person can see
// whether a printed report and a workbook belong together; `sha256sum aggregate.json`
// starts with the same digits. aggregate.json itself cannot carry its own hash.
func ID(data []byte) string {
	sum := sha256.Sum256(data)
	return IDFromSHA256(hex.EncodeToString(sum[:]))
}

// IDFromSHA256 is ID from a hex SHA-256 already computed (Loaded.SHA256).
func IDFromSHA256(hexSum string) string {
	if len(hexSum) < 8 {
		return ""
	}
	return hexSum[:4] + "-" + hexSum[4:8]
}

// ID is the 集計ID of the file l was read from.
func (l *Loaded) ID() string { return IDFromSHA256(l.SHA256) }
