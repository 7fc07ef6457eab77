package outset

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// staleAge is when a lock is taken for abandoned whoever holds it: the lock covers only
// the writing of the files, which takes seconds.
const staleAge = 10 * time.Minute

// lockPID is the process id written into the lock; a test replaces it with the id of a
// process that has ended, as a killed run's lock would carry.
var lockPID = os.Getpid

type lock struct{ path string }

// lockInfo is what a lock file says about its holder.
type lockInfo struct {
	pid     int
	host    string
	started string
	raw     []byte
	modTime time.Time
}

// lock takes the folder's lock, waiting up to opts.Wait while another live zaitaku holds it
// and clearing a stale one.
func (w *writer) lock(opts Options) (*lock, error) {
	path := w.path(lockName)
	deadline := time.Now().Add(opts.Wait)
	told := false
	host, _ := os.Hostname()
	for {
		if err := w.step(opLock, path); err != nil {
			if isKilled(err) {
				return nil, err
			}
			return nil, folderError(w.dir, err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			content := fmt.Sprintf("zaitaku\npid=%d\nhost=%s\nstarted=%s\n", lockPID(), host, time.Now().Format(time.RFC3339))
			_, werr := f.WriteString(content)
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				os.Remove(path)
				return nil, folderError(w.dir, werr)
			}
			if err := w.step(opLocked, path); err != nil {
				if !isKilled(err) {
					os.Remove(path)
					err = folderError(w.dir, err)
				}
				return nil, err
			}
			return &lock{path}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, folderError(w.dir, err)
		}
		info, err := readLock(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // released just now
		}
		if err == nil && info.stale(host) {
			breakLock(path, info)
			continue
		}
		if time.Now().After(deadline) {
			return nil, busyError(w.dir, info)
		}
		if !told && opts.Waiting != nil {
			opts.Waiting(fmt.Sprintf("出力先 %s は別の zaitaku が使用中です。終わるのを待っています…", w.dir))
			told = true
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (l *lock) release(w *writer) error {
	if err := w.step(opUnlock, l.path); err != nil {
		return err
	}
	return os.Remove(l.path)
}

func readLock(path string) (lockInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return lockInfo{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return lockInfo{}, err
	}
	info := lockInfo{raw: data, modTime: st.ModTime()}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		switch k {
		case "pid":
			info.pid, _ = strconv.Atoi(v)
		case "host":
			info.host = v
		case "started":
			info.started = v
		}
	}
	return info, nil
}

// stale reports whether the holder of the lock is gone: a process of this host that has
// ended, a lock too old to belong to a running write, or a lock left empty by a run killed
// while taking it.
func (l lockInfo) stale(host string) bool {
	age := time.Since(l.modTime)
	if age > staleAge {
		return true
	}
	if l.pid == 0 {
		return age > 5*time.Second
	}
	if l.host == host {
		if alive, known := processAlive(l.pid); known && !alive {
			return true
		}
	}
	return false
}

// breakLock removes a stale lock. It moves the lock aside first and checks it is still the
// one judged stale: another run may have cleared it and taken its own meanwhile.
func breakLock(path string, info lockInfo) {
	aside := fmt.Sprintf("%s.stale-%d", path, os.Getpid())
	if err := os.Rename(path, aside); err != nil {
		return
	}
	data, err := os.ReadFile(aside)
	if err == nil && !bytes.Equal(data, info.raw) {
		// Not ours to break: put it back unless yet another lock has been taken.
		if err := os.Link(aside, path); err == nil {
			os.Remove(aside)
			return
		}
	}
	os.Remove(aside)
}

func busyError(dir string, info lockInfo) error {
	who := ""
	if info.pid != 0 {
		who = fmt.Sprintf("（%s のプロセス %d、%s に開始）", info.host, info.pid, info.started)
	}
	return fmt.Errorf("出力先 %s は別の zaitaku が使用中です%s。終わってからもう一度実行してください。"+
		"止まった zaitaku が残したものであれば、%s を削除してください", dir, who, filepath.Join(dir, lockName))
}
