#pragma once
// The client side of every overlapped model on Windows (overlapped-event, overlapped-callback,
// completion-port): what is posted on each connection and how a completion is accounted. The
// models differ only in how a completion reaches the worker (an event, a completion routine, a
// completion port), supplied through the three hooks below.
//
// Per connection: up to `depth` WSASends in flight, each with its own WSAOVERLAPPED (one per
// outstanding operation, Microsoft docs: WSASend), posted from the worker's own thread only
// (never concurrently on one socket) and retired in the order they were posted (posted send
// buffers go out in that order); in echo mode one WSARecv in flight as well. Reverse/bidir: one
// WSARecv of the whole receive array in flight while ClientConn::may_receive() allows, beside the
// sends (bidir) or alone (reverse); each has its own WSAOVERLAPPED, and the overlapped-event model
// shares the connection's one event between them (so a connection still costs one of the 64).
//
// Dangers handled here:
//  - Immediate completion (WSASend returns 0) is not a shortcut: the event is signalled, the
//    routine queued or the packet posted exactly as for WSA_IO_PENDING, so both are handled the
//    same way. The one exception is a socket in FILE_SKIP_COMPLETION_PORT_ON_SUCCESS mode, where
//    no packet comes and the result is read at once.
//  - An overlapped WSASend completes "when the transport has consumed the buffers"; nothing
//    promises the full count. A short completion resumes mid-array through the core's IoCursor.
//    With later sends already posted behind it the stream order would be lost, so that case fails
//    the sample rather than sending bytes out of order.
//  - Data buffers and each WSAOVERLAPPED must stay valid until completion: on error every
//    pending operation is cancelled (CancelIoEx) and waited for before run_sample returns.
#include <memory>
#include <vector>

#include "../../core/backend.h"
#include "win_io.h"

namespace sg {

class OverlappedWorker;

struct OvOp {
  WSAOVERLAPPED ov;  // first member: routines and the completion port hand back &ov
  struct OvConn* conn = nullptr;
  SendOp* send = nullptr;  // the op being sent; nullptr for the receive
  bool inflight = false;
  bool completed = false;  // completion seen, not yet accounted (sends are accounted in order)
  DWORD bytes = 0;
  int error = 0;
  std::size_t offered = 0;  // the receive: what it asked for
};

struct OvConn {
  ClientConn* c = nullptr;
  OverlappedWorker* worker = nullptr;
  std::vector<OvOp> sends;  // ring of `depth` slots: [head, head + size) posted, oldest first
  unsigned head = 0, size = 0;
  OvOp recv;
  WSAEVENT ev = WSA_INVALID_EVENT;  // overlapped-event: shared by the connection's operations
  bool skip_on_success = false;     // completion-port: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS is set
  bool done = false;
  bool ready = false;  // queued for another turn: an operation completed at once
  bool busy() const { return size > 0 || recv.inflight || recv.completed; }
};

class OverlappedWorker : public ClientWorker {
 public:
  IoError run_sample(const SampleControl& ctl, Histogram& latency) final;
  // A completion of `op` (error: a WSA code, 0 for success). Called by the model's wait().
  void complete(OvOp& op, DWORD bytes, int error);

 protected:
  IoError init_conns(std::vector<ClientConn*> conns, const CellSpec& spec);
  // Cancels whatever is still pending and waits for it. Models call it from their destructor.
  void drain();

  // Sets what the model needs in a fresh WSAOVERLAPPED (hEvent).
  virtual void prepare(OvConn& k, OvOp& op) = 0;
  virtual LPWSAOVERLAPPED_COMPLETION_ROUTINE routine() const { return nullptr; }
  // Waits up to `ms` for completions and reports each through complete().
  virtual IoError wait(DWORD ms) = 0;

  std::vector<std::unique_ptr<OvConn>> conns_;

 private:
  void drive(OvConn& k);
  bool post_send(OvConn& k, OvOp& op);
  bool post_recv(OvConn& k);
  void read_now(OvConn& k, OvOp& op);
  void fail(IoError e) {
    if (!err_) err_ = std::move(e);
  }

  std::vector<OvConn*> ready_, turns_;  // connections waiting for another turn, in arrival order
  unsigned depth_ = 1;
  std::size_t active_ = 0;
  const SampleControl* ctl_ = nullptr;
  Histogram* latency_ = nullptr;
  IoError err_;
};

}  // namespace sg
