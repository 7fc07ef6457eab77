// Package outset writes a set of output files into one folder so that the folder holds
// either the complete previous set or the complete new set, never a mix: a new
// aggregate.json beside an old report.pdf is a report someone prints believing it is new.
//
// It follows git's lockfile (lockfile.h) and SQLite's rollback journal:
//
//  1. take .zaitaku.lock in the folder with O_EXCL, so a second zaitaku waits or refuses;
//  2. finish or undo whatever a killed earlier run left (see Recover);
//  3. write every new file in full to a temporary file beside its target and fsync it;
//  4. check every target can be replaced (not a folder, not held open by Excel on Windows);
//  5. write a journal naming each file with the size and SHA-256 of its new content, and
//     whether an old file existed; fsync it and the folder;
//  6. switch: move each old file to a backup name, the new one to its name;
//  7. remove the journal (the commit point), then the backups and the lock.
//
// A failure in step 6 puts back what was already switched. A kill at any instant leaves a
// state the next Write or Recover on the folder settles: with no journal, only leftovers to
// remove (the old set is untouched); with a journal, the new set is completed when every
// new file is there in full (size and hash as journaled), otherwise the old set is restored
// from the backups.
package outset

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// File is one output of a set: its name inside the folder and its whole content. A name
// may hold one subfolder, written with a slash (区別/北区.pdf): the ward sheets change
// with the rest of the set.
type File struct {
	Name string
	Data []byte
}

// Options steer waiting for another zaitaku that writes to the same folder.
type Options struct {
	// Wait is how long to wait for another run's lock before refusing; the lock is held
	// only while files are written, so a few seconds cover a normal run.
	Wait time.Duration
	// Waiting, when set, is told once that the folder is busy and Write is waiting.
	Waiting func(msg string)
}

// DefaultWait is the Wait the commands use.
const DefaultWait = 10 * time.Second

// Names of the files outset keeps in the output folder. They start with a dot so that
// folder listings (and the returns reader) pass over them, and none ends in .xlsx.
const (
	lockName       = ".zaitaku.lock"
	journalName    = ".zaitaku-journal.json"
	journalTmpName = ".zaitaku-journal.json.tmp"
	newSuffix      = ".zaitaku-new"
	oldSuffix      = ".zaitaku-old"
)

// tmpName and backupName are beside the target, in its subfolder when it has one
// (区別/.北区.pdf.zaitaku-new), so that every rename stays within one folder.
func tmpName(name string) string    { d, b := path.Split(name); return d + "." + b + newSuffix }
func backupName(name string) string { d, b := path.Split(name); return d + "." + b + oldSuffix }

// journal is what step 5 records: enough to decide, after a kill, whether the new set can
// be completed, and to undo the switch otherwise.
type journal struct {
	Format string         `json:"format"`
	Files  []journalEntry `json:"files"`
}

type journalEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	// Old says a previous file was there (and is moved to its backup name on switching).
	Old bool `json:"old"`
}

const journalFormat = "zaitaku-outset-1"

// Error is every failure of Write and Recover: the set could not be written or settled.
// Commands test for it with errors.As to tell an output that cannot be written from a bad
// input; Err is the reason (Japanese) and wraps the operating system's error where there
// is one (errors.Is(err, fs.ErrPermission), syscall.ENOSPC).
type Error struct{ Err error }

func (e *Error) Error() string { return e.Err.Error() }

// Unwrap gives the reason.
func (e *Error) Unwrap() error { return e.Err }

// asError wraps a failure of Write or Recover; a simulated kill stays as it is.
func asError(err error) error {
	if err == nil || isKilled(err) {
		return err
	}
	return &Error{Err: err}
}

// cause is a Japanese message that keeps the error it explains, for errors.Is.
type cause struct {
	msg string
	err error
}

func (c *cause) Error() string { return c.msg }
func (c *cause) Unwrap() error { return c.err }

func withCause(err error, format string, args ...any) error {
	return &cause{msg: fmt.Sprintf(format, args...), err: err}
}

// Write replaces the files of set in dir all at once, creating dir if needed. On error the
// folder holds the previous set and the message (Japanese) says why and which file; the
// error is an *Error.
func Write(dir string, set []File, opts Options) error {
	return asError(write(dir, set, opts))
}

func write(dir string, set []File, opts Options) error {
	if err := checkNames(set); err != nil {
		return err
	}
	w := &writer{dir: dir, hook: currentHook()}
	if err := w.step(opMkdir, dir); err != nil {
		return err
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("出力先 %s はフォルダではなくファイルです。別の出力先を指定してください", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return folderError(dir, err)
	}
	lk, err := w.lock(opts)
	if err != nil {
		return err
	}
	err = w.write(set)
	if isKilled(err) {
		return err
	}
	// A lock that cannot be removed is no reason to fail: the set is settled either way,
	// and the next run clears the lock as stale.
	if uerr := lk.release(w); isKilled(uerr) {
		return uerr
	}
	return err
}

// Recover settles what a killed run left in dir: it completes or undoes an interrupted
// switch and removes temporary files. Commands call it before reading a file of the set
// (zaitaku report reads aggregate.json); Write does it by itself. A folder with nothing of
// outset's in it is not touched.
func Recover(dir string, opts Options) error {
	return asError(recoverDir(dir, opts))
}

func recoverDir(dir string, opts Options) error {
	if !hasLeftovers(dir) {
		return nil
	}
	w := &writer{dir: dir, hook: currentHook()}
	lk, err := w.lock(opts)
	if err != nil {
		return err
	}
	err = w.recover()
	if isKilled(err) {
		return err
	}
	if uerr := lk.release(w); isKilled(uerr) {
		return uerr
	}
	return err
}

// hasLeftovers reports whether dir holds a journal, a lock or a temporary file of outset.
func hasLeftovers(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if isOurs(e.Name()) {
			return true
		}
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			sub, _ := os.ReadDir(filepath.Join(dir, e.Name()))
			for _, f := range sub {
				if isTemp(f.Name()) {
					return true
				}
			}
		}
	}
	return false
}

func isOurs(n string) bool {
	switch n {
	case lockName, journalName, journalTmpName:
		return true
	}
	return isTemp(n)
}

// isTemp is a temporary or backup name of outset's.
func isTemp(n string) bool {
	return strings.HasPrefix(n, ".") && (strings.HasSuffix(n, newSuffix) || strings.HasSuffix(n, oldSuffix))
}

func checkNames(set []File) error {
	seen := map[string]bool{}
	for _, f := range set {
		if !goodName(f.Name) {
			return fmt.Errorf("outset: bad output name %q", f.Name)
		}
		if seen[f.Name] {
			return fmt.Errorf("outset: output %q given twice", f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

// goodName is a file name, or one subfolder and a file name joined by a slash, none of
// them empty, a dot name or one of outset's own.
func goodName(name string) bool {
	parts := strings.Split(name, "/")
	if len(parts) > 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || p != filepath.Base(p) || p == "." || p == ".." || isOurs(p) || (len(parts) == 2 && strings.HasPrefix(p, ".")) {
			return false
		}
	}
	return true
}

// writer is one run over one folder; every change to the disk goes through step, where a
// test (or ZAITAKU_DEBUG_OUTSET) can fail it or stop the run dead.
type writer struct {
	dir  string
	hook Hook
	n    int
}

func (w *writer) path(name string) string { return filepath.Join(w.dir, name) }

func (w *writer) step(op Op, path string) error {
	n := w.n
	w.n++
	if w.hook == nil {
		return nil
	}
	return w.hook(n, op, path)
}

// write is steps 2 to 7, under the lock.
func (w *writer) write(set []File) error {
	if err := w.recover(); err != nil {
		return err
	}
	// 3. Every new file in full, beside its target.
	for _, f := range set {
		if d := path.Dir(f.Name); d != "." {
			if err := w.step(opMkdir, w.path(d)); err != nil {
				return err
			}
			if err := os.MkdirAll(w.path(d), 0o755); err != nil {
				w.removeTemps(set)
				return folderError(w.path(d), err)
			}
		}
	}
	j := journal{Format: journalFormat}
	for i, f := range set {
		if err := w.writeFile(w.path(tmpName(f.Name)), f.Data); err != nil {
			if isKilled(err) {
				return err
			}
			w.removeTemps(set[:i+1])
			return writeError(w.path(f.Name), err)
		}
		sum := sha256.Sum256(f.Data)
		j.Files = append(j.Files, journalEntry{Name: f.Name, Size: int64(len(f.Data)), SHA256: hex.EncodeToString(sum[:])})
	}
	// 4. Every target replaceable, before anything is switched.
	for i, f := range set {
		target := w.path(f.Name)
		if err := w.step(opCheck, target); err != nil {
			if isKilled(err) {
				return err
			}
			w.removeTemps(set)
			return replaceError(target, err)
		}
		st, err := os.Lstat(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			w.removeTemps(set)
			return replaceError(target, err)
		case st.IsDir():
			w.removeTemps(set)
			return fmt.Errorf("出力先に %s という名前のフォルダがあるため、%s を書き込めません。フォルダの名前を変えるか、別の出力先を指定してください。出力先のファイルは前のままです", f.Name, f.Name)
		}
		if err := checkReplaceable(target); err != nil {
			w.removeTemps(set)
			return replaceError(target, err)
		}
		j.Files[i].Old = true
	}
	// 5. The journal, on disk before the first rename.
	if err := w.writeJournal(&j); err != nil {
		if isKilled(err) {
			return err
		}
		w.remove(w.path(journalTmpName))
		w.remove(w.path(journalName))
		w.removeTemps(set)
		return writeError(w.path(journalName), err)
	}
	// 6. The switch.
	for _, e := range j.Files {
		target := w.path(e.Name)
		err := w.rename(target, w.path(backupName(e.Name)), e.Old)
		if err == nil {
			err = w.rename(w.path(tmpName(e.Name)), target, true)
		}
		if err != nil {
			if isKilled(err) {
				return err
			}
			if rerr := w.rollBack(&j); rerr != nil {
				if isKilled(rerr) {
					return rerr
				}
				return fmt.Errorf("%v。元に戻す途中でも失敗しました（%v）。もう一度実行すると元に戻します", replaceError(target, err), rerr)
			}
			return replaceError(target, err)
		}
	}
	// 7. Commit, then tidy.
	return w.commit(&j)
}

// rename moves from to to when cond holds (a file with no predecessor has no backup).
func (w *writer) rename(from, to string, cond bool) error {
	if !cond {
		return nil
	}
	if err := w.step(opRename, from+" → "+to); err != nil {
		return err
	}
	return os.Rename(from, to)
}

func (w *writer) remove(path string) error {
	if err := w.step(opRemove, path); err != nil {
		return err
	}
	err := os.Remove(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func (w *writer) removeTemps(set []File) {
	for _, f := range set {
		os.Remove(w.path(tmpName(f.Name)))
	}
}

// writeFile writes data to a new file at path and syncs it.
func (w *writer) writeFile(path string, data []byte) error {
	if err := w.step(opCreate, path); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	for _, s := range []struct {
		op Op
		do func() error
	}{
		{opWrite, func() error { _, err := f.Write(data); return err }},
		{opSync, func() error { return fsync(f) }},
		{opClose, f.Close},
	} {
		if err := w.step(s.op, path); err != nil {
			if !isKilled(err) {
				f.Close()
			}
			return err
		}
		if err := s.do(); err != nil {
			if s.op != opClose {
				f.Close()
			}
			return err
		}
	}
	return nil
}

func (w *writer) writeJournal(j *journal) error {
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	if err := w.writeFile(w.path(journalTmpName), append(data, '\n')); err != nil {
		return err
	}
	if err := w.rename(w.path(journalTmpName), w.path(journalName), true); err != nil {
		return err
	}
	return w.syncDir()
}

// syncDir makes the renames in the folder durable where the OS allows it; a folder that
// cannot be synced (Windows, some network shares) is no reason to fail.
func (w *writer) syncDir() error {
	if err := w.step(opSyncDir, w.dir); err != nil && isKilled(err) {
		return err
	}
	if durable {
		syncDir(w.dir)
	}
	return nil
}

// durable is false only in tests, where thousands of fsyncs would cost minutes and prove
// nothing a test can see.
var durable = true

func fsync(f *os.File) error {
	if !durable {
		return nil
	}
	return f.Sync()
}

// commit removes the journal, which makes the new set final, then the backups.
func (w *writer) commit(j *journal) error {
	if err := w.syncDir(); err != nil {
		return err
	}
	if err := w.remove(w.path(journalName)); err != nil {
		if isKilled(err) {
			return err
		}
		// The new set is complete; with the journal still there the next run completes it
		// again, which changes nothing.
		return nil
	}
	if err := w.syncDir(); err != nil {
		return err
	}
	for _, e := range j.Files {
		if e.Old {
			if err := w.remove(w.path(backupName(e.Name))); isKilled(err) {
				return err
			}
		}
	}
	return nil
}

// recover settles a journal left by a killed run, then removes temporary files.
func (w *writer) recover() error {
	data, err := os.ReadFile(w.path(journalName))
	if errors.Is(err, fs.ErrNotExist) {
		return w.removeLeftovers()
	}
	if err != nil {
		return fmt.Errorf("出力先 %s の書き込みの記録（%s）を読めません: %v", w.dir, journalName, err)
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil || j.Format != journalFormat || checkJournal(&j) != nil {
		return fmt.Errorf("出力先 %s の書き込みの記録（%s）が壊れています。出力先の中身を確かめ、%s を削除してから、もう一度実行してください", w.dir, journalName, journalName)
	}
	if w.complete(&j) {
		err = w.rollForward(&j)
		if err == nil || isKilled(err) {
			return err
		}
	}
	if rerr := w.rollBack(&j); rerr != nil {
		if isKilled(rerr) {
			return rerr
		}
		return fmt.Errorf("出力先 %s には前回中断した書き込みが残っていますが、元に戻せません（%v）。ファイルを開いているソフトを閉じてから、もう一度実行してください", w.dir, rerr)
	}
	return nil
}

func checkJournal(j *journal) error {
	var set []File
	for _, e := range j.Files {
		set = append(set, File{Name: e.Name})
	}
	return checkNames(set)
}

// complete reports whether every new file of j is on disk in full, under its temporary
// name or, once switched, its own.
func (w *writer) complete(j *journal) bool {
	for _, e := range j.Files {
		if !w.matches(w.path(tmpName(e.Name)), e) && !w.matches(w.path(e.Name), e) {
			return false
		}
	}
	return true
}

func (w *writer) matches(path string, e journalEntry) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() != e.Size {
		return false
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == e.SHA256
}

// rollForward finishes the switch of j: every file not yet switched is.
func (w *writer) rollForward(j *journal) error {
	for _, e := range j.Files {
		tmp, target := w.path(tmpName(e.Name)), w.path(e.Name)
		if !exists(tmp) {
			continue
		}
		// Keep the old file under its backup name until the commit, so that a failure
		// here can still fall back to the old set.
		if e.Old && !exists(w.path(backupName(e.Name))) {
			if err := w.rename(target, w.path(backupName(e.Name)), exists(target)); err != nil {
				return err
			}
		}
		if err := w.rename(tmp, target, true); err != nil {
			return err
		}
	}
	if err := w.commit(j); err != nil {
		return err
	}
	return w.removeLeftovers()
}

// rollBack puts back the old set of j: backups return to their names, new files that had
// no predecessor are removed, and so are the temporary files and the journal.
func (w *writer) rollBack(j *journal) error {
	for _, e := range j.Files {
		target, backup := w.path(e.Name), w.path(backupName(e.Name))
		switch {
		case exists(backup):
			if err := w.rename(backup, target, true); err != nil {
				return err
			}
		case !e.Old && !exists(w.path(tmpName(e.Name))) && w.matches(target, e):
			if err := w.remove(target); err != nil {
				return err
			}
		}
	}
	if err := w.syncDir(); err != nil {
		return err
	}
	if err := w.remove(w.path(journalName)); err != nil {
		return err
	}
	if err := w.syncDir(); err != nil {
		return err
	}
	return w.removeLeftovers()
}

// removeLeftovers removes temporary and backup files; called only with no journal, when
// none of them is needed any more.
func (w *writer) removeLeftovers() error {
	entries, err := os.ReadDir(w.dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && !strings.HasPrefix(n, ".") {
			sub, _ := os.ReadDir(w.path(n))
			for _, f := range sub {
				// Only temporaries and backups: a lock there is another run's, writing
				// into the subfolder as a folder of its own (report --ward).
				if isTemp(f.Name()) && !f.IsDir() {
					if err := w.remove(w.path(n + "/" + f.Name())); isKilled(err) {
						return err
					}
				}
			}
			continue
		}
		if n == lockName || n == journalName || !isOurs(n) {
			continue
		}
		if err := w.remove(w.path(n)); isKilled(err) {
			return err
		}
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// writeError says in Japanese why path could not be written; the set is unchanged.
func writeError(path string, err error) error {
	name := filepath.Base(path)
	switch {
	case isDiskFull(err):
		return withCause(err, "ディスクの空きが足りないため %s を書き込めません。空きを作ってからもう一度実行してください。出力先のファイルは前のままです", name)
	case errors.Is(err, fs.ErrPermission):
		return withCause(err, "出力先のフォルダ %s に書き込めません（書き込みの権限がありません）。別の出力先を指定してください。出力先のファイルは前のままです", filepath.Dir(path))
	}
	return withCause(err, "%s を書き込めません（%v）。出力先のファイルは前のままです", path, plain(err))
}

// replaceError says why the file at path could not be replaced.
func replaceError(path string, err error) error {
	name := filepath.Base(path)
	if isInUse(err) {
		return withCause(err, "%s が%sで開かれているため置き換えられません。閉じてからもう一度実行してください。出力先のファイルは前のままです", name, openedBy(name))
	}
	return writeError(path, err)
}

// openedBy names the kind of program that typically holds a file of this kind open.
func openedBy(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return " PDF の閲覧ソフトなど"
	case ".html", ".htm":
		return "ブラウザなど"
	case ".pptx":
		return " PowerPoint など"
	}
	return " Excel など"
}

// folderError says why the output folder could not be made or locked.
func folderError(dir string, err error) error {
	switch {
	case isDiskFull(err):
		return withCause(err, "ディスクの空きが足りないため出力先 %s に書き込めません。空きを作ってからもう一度実行してください", dir)
	case errors.Is(err, fs.ErrPermission):
		return withCause(err, "出力先のフォルダ %s に書き込めません（書き込みの権限がありません）。別の出力先を指定してください。出力先のファイルは前のままです", dir)
	}
	return withCause(err, "出力先のフォルダ %s を使えません（%v）", dir, plain(err))
}

// plain drops the Go operation and path from an OS error ("open x: no such file"), which
// the Japanese message already names.
func plain(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || platformDiskFull(err)
}
