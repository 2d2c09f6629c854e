// Private to src/db: a fixed set of connections lent to one thread at a time, shared by both backends.
#pragma once
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/database.h"

namespace lf::db {

// How long a borrower waits for a free connection before giving up. Long enough for any queue of real
// requests; short enough that a deadlock (a `with` nested inside another on a full pool) shows as an error.
inline constexpr std::chrono::seconds kBorrowPatience{30};

template <class Conn>
class Pool {
 public:
  explicit Pool(std::vector<std::unique_ptr<Conn>> conns) : all_(std::move(conns)) {
    for (auto& c : all_) idle_.push_back(c.get());
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // An idle connection, or nullptr when none came free within `patience`.
  Conn* acquire(std::chrono::milliseconds patience) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, patience, [&] { return !idle_.empty(); })) return nullptr;
    Conn* c = idle_.back();  // the most recently used one: its caches and pages are warm
    idle_.pop_back();
    return c;
  }

  void release(Conn* c) {
    {
      std::lock_guard lock(mu_);
      idle_.push_back(c);
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> all_;
  std::vector<Conn*> idle_;
};

// Database::with for either backend. `Conn` provides:
//   Status ready()   — make the connection usable (reconnect if broken) before lending it;
//   void settle()    — undo anything the borrower left open (a transaction) before taking it back.
template <class Conn>
Status borrow(Pool<Conn>& pool, const std::function<Status(Connection&)>& fn) {
  Conn* c = pool.acquire(kBorrowPatience);
  if (c == nullptr) return internal_error("no free database connection within 30 s");
  struct GiveBack {
    Pool<Conn>& pool;
    Conn* conn;
    ~GiveBack() {
      conn->settle();
      pool.release(conn);
    }
  } give_back{pool, c};
  LF_CHECK(c->ready());
  // Callers' code is not supposed to throw; if it does anyway, the connection still goes back clean and
  // the failure travels as an Error like every other.
  try {
    return fn(*c);
  } catch (const std::exception& e) {
    return internal_error(std::string("exception while using the database: ") + e.what());
  } catch (...) {
    return internal_error("unknown exception while using the database");
  }
}

}  // namespace lf::db
