package summary

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"sort"
)

// contentTypesPart lists the content types of the package parts.
const contentTypesPart = "[Content_Types].xml"

var defaultTypeRE = regexp.MustCompile(`<Default [^>]*?/?>(?:</Default>)?`)

// sortContentTypes puts the <Default> entries of [Content_Types].xml in a fixed order.
// excelize adds the image extensions from a Go map when a sheet gets a drawing, so
// their order, and with it the file's bytes, would change from run to run. Every other
// part is copied as it is, compressed bytes and all.
func sortContentTypes(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		if zf.Name != contentTypesPart {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		locs := defaultTypeRE.FindAllIndex(x, -1)
		entries := make([]string, len(locs))
		for i, l := range locs {
			entries[i] = string(x[l[0]:l[1]])
		}
		sort.Strings(entries)
		var sorted bytes.Buffer
		prev := 0
		for i, l := range locs {
			sorted.Write(x[prev:l[0]])
			sorted.WriteString(entries[i])
			prev = l[1]
		}
		sorted.Write(x[prev:])
		hdr := zf.FileHeader
		hdr.CompressedSize64, hdr.UncompressedSize64, hdr.CRC32 = 0, 0, 0
		w, err := zw.CreateHeader(&hdr)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(sorted.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
