// Một Cửa Gần Dân — the outreach web app. Plain JavaScript, no framework, no CDN: small enough
// for a cheap phone on 3G. It uses the same API as the phone apps.
'use strict';

const T = {
  vi: {
    skip: 'Bỏ qua đến nội dung', title: 'Một Cửa Gần Dân', 'nav.sessions': 'Lịch tiếp dân', 'nav.track': 'Tra cứu hồ sơ',
    'nav.bookings': 'Lịch hẹn của tôi', 'nav.login': 'Đăng nhập', 'nav.logout': 'Đăng xuất',
    home: 'Bộ phận một cửa phường đến gần dân: đặt lịch buổi tiếp dân thứ Bảy tại khu phố, tra cứu hồ sơ, nhận kết quả tại nhà.',
    phone: 'Số điện thoại', password: 'Mật khẩu', login: 'Đăng nhập', ward: 'Mã phường/xã', show: 'Xem lịch',
    noSessions: 'Chưa có buổi tiếp dân nào sắp tới.', places: 'còn {n} chỗ', book: 'Đặt lịch', full: 'Hết chỗ',
    booked: 'Đã đặt lịch. Mã của ông/bà:', showQR: 'Đưa mã QR này cho cán bộ tại buổi tiếp dân.',
    code: 'Mã hồ sơ', last4: '4 số cuối điện thoại', track: 'Tra cứu', notFound: 'Không tìm thấy hồ sơ với mã và số điện thoại này.',
    status: 'Trạng thái', due: 'Hẹn trả', received: 'Tiếp nhận', myBookings: 'Lịch hẹn của tôi', none: 'Chưa có lịch hẹn.',
    needLogin: 'Vui lòng đăng nhập.',
    'nav.pickups': 'Nhận hồ sơ tại nhà', 'nav.dossiers': 'Hồ sơ của tôi', 'nav.inbox': 'Thông báo', 'nav.tasks': 'Nhiệm vụ', 'nav.dashboard': 'Thống kê', 'nav.checkin': 'Tiếp đón',
    procedure: 'Thủ tục', register: 'Đăng ký tài khoản', postIt: 'Nhận kết quả qua bưu điện', province: 'Tỉnh/thành phố', rward: 'Phường/xã',
    postBooked: 'Đã đăng ký gửi kết quả qua bưu điện.', bookingCode: 'Mã đặt lịch', checkIn: 'Tiếp đón', atRisk: 'Yêu cầu nhận tại nhà chưa có người nhận', fullName: 'Họ và tên', address: 'Địa chỉ', reason: 'Lý do', date: 'Ngày', from: 'Từ', to: 'Đến',
    hood: 'Khu phố', send: 'Gửi yêu cầu', accept: 'Nhận việc', enRoute: 'Đang đến', collected: 'Đã nhận hồ sơ', handOver: 'Nộp cho một cửa',
    docs: 'Giấy tờ đã nhận (mỗi dòng một loại)', rate: 'Đánh giá', dossierCode: 'Mã hồ sơ', received_w: 'Hồ sơ tiếp nhận theo tuần',
    onTime: 'Đúng hạn', overdue: 'Quá hạn', online: 'Trực tuyến', pickupsDone: 'Nhận tại nhà', attendance: 'Đến buổi tiếp dân', postal: 'Bưu điện đã phát',
    reasons: { elderly: 'Người cao tuổi', disabled: 'Người khuyết tật', ill: 'Đang ốm', other: 'Khác' },
    st: { received: 'Đã tiếp nhận', in_review: 'Đang xử lý', supplement_requested: 'Cần bổ sung', approved: 'Đã duyệt',
      result_ready: 'Đã có kết quả', returned: 'Đã trả kết quả', rejected: 'Không giải quyết', withdrawn: 'Đã rút',
      booked: 'Đã đặt', checked_in: 'Đã đến', cancelled: 'Đã hủy', no_show: 'Vắng', requested: 'Chờ người nhận', assigned: 'Đã phân công',
      accepted: 'Đã nhận việc', en_route: 'Đang đến', collected: 'Đã nhận hồ sơ', handed_over: 'Đã nộp', failed: 'Không gặp' },
  },
  en: {
    skip: 'Skip to content', title: 'One-Stop Office Near You', 'nav.sessions': 'Saturday sessions', 'nav.track': 'Track a dossier',
    'nav.bookings': 'My bookings', 'nav.login': 'Log in', 'nav.logout': 'Log out',
    home: 'Your ward office comes to you: book a Saturday neighbourhood session, track a dossier, get results at home.',
    phone: 'Phone number', password: 'Password', login: 'Log in', ward: 'Ward code', show: 'Show sessions',
    noSessions: 'No upcoming sessions.', places: '{n} places left', book: 'Book', full: 'Full',
    booked: 'Booked. Your code:', showQR: 'Show this QR code to the staff at the session.',
    code: 'Dossier code', last4: 'Last 4 digits of the phone', track: 'Track', notFound: 'No dossier with this code and phone.',
    status: 'Status', due: 'Due', received: 'Received', myBookings: 'My bookings', none: 'No bookings yet.',
    needLogin: 'Please log in.',
    'nav.pickups': 'Home pickup', 'nav.dossiers': 'My dossiers', 'nav.inbox': 'Notifications', 'nav.tasks': 'Tasks', 'nav.dashboard': 'Dashboard', 'nav.checkin': 'Check-in',
    procedure: 'Procedure', register: 'Create an account', postIt: 'Get the result by post', province: 'Province / city', rward: 'Ward',
    postBooked: 'Postal delivery booked.', bookingCode: 'Booking code', checkIn: 'Check in', atRisk: 'Home pickups nobody took', fullName: 'Full name', address: 'Address', reason: 'Reason', date: 'Date', from: 'From', to: 'To',
    hood: 'Neighbourhood', send: 'Send request', accept: 'Accept', enRoute: 'On my way', collected: 'Collected', handOver: 'Hand over',
    docs: 'Documents collected (one per line)', rate: 'Rate', dossierCode: 'Dossier code', received_w: 'Dossiers received per week',
    onTime: 'On time', overdue: 'Overdue', online: 'Online', pickupsDone: 'Home pickups', attendance: 'Session attendance', postal: 'Posted results',
    reasons: { elderly: 'Elderly', disabled: 'Disabled', ill: 'Ill', other: 'Other' },
    st: { received: 'Received', in_review: 'In review', supplement_requested: 'Needs documents', approved: 'Approved',
      result_ready: 'Result ready', returned: 'Returned', rejected: 'Rejected', withdrawn: 'Withdrawn',
      booked: 'Booked', checked_in: 'Checked in', cancelled: 'Cancelled', no_show: 'No-show', requested: 'Waiting', assigned: 'Assigned',
      accepted: 'Accepted', en_route: 'On the way', collected: 'Collected', handed_over: 'Handed over', failed: 'Not met' },
  },
};
let lang = localStorage.getItem('lang') || 'vi';
const t = (k, n) => (T[lang][k] || k).replace('{n}', n);
const main = document.getElementById('main');
const esc = s => String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const fmt = iso => new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

// API: bearer token from the login; a 401 tries the refresh token once.
async function api(method, path, body) {
  const headers = { 'Accept-Language': lang };
  const tok = localStorage.getItem('access');
  if (tok) headers.Authorization = 'Bearer ' + tok;
  if (body) { headers['Content-Type'] = 'application/json'; if (method === 'POST') headers['Idempotency-Key'] = crypto.randomUUID(); }
  let res = await fetch(path, { method, headers, body: body && JSON.stringify(body) });
  if (res.status === 401 && localStorage.getItem('refresh') && await refresh()) {
    headers.Authorization = 'Bearer ' + localStorage.getItem('access');
    res = await fetch(path, { method, headers, body: body && JSON.stringify(body) });
  }
  return res;
}
async function refresh() {
  const res = await fetch('/v1/auth/refresh', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: localStorage.getItem('refresh') }) });
  if (!res.ok) { localStorage.removeItem('access'); localStorage.removeItem('refresh'); return false; }
  const a = await res.json();
  localStorage.setItem('access', a.access_token); localStorage.setItem('refresh', a.refresh_token);
  return true;
}
async function problem(res) { try { const p = await res.json(); return p.title || res.statusText; } catch { return res.statusText; } }

const screens = {
  '': () => `<p>${t('home')}</p><p><a href="#/sessions">${t('nav.sessions')}</a> · <a href="#/track">${t('nav.track')}</a></p>`,

  login: () => {
    setTimeout(() => document.getElementById('login-form').addEventListener('submit', async e => {
      e.preventDefault();
      const f = e.target;
      const res = await api('POST', '/v1/auth/login', { phone: f.phone.value, password: f.password.value });
      if (!res.ok) { document.getElementById('msg').textContent = await problem(res); return; }
      saveLogin(await res.json());
    }));
    return `<form id="login-form"><label for="phone">${t('phone')}</label><input id="phone" name="phone" type="tel" autocomplete="tel" required>
      <label for="password">${t('password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
      <button class="primary" type="submit">${t('login')}</button><p id="msg" class="error" role="alert"></p></form>
      <p><a href="#/register">${t('register')}</a></p>`;
  },

  sessions: async () => {
    const ward = localStorage.getItem('ward') || '26734';
    const res = await api('GET', '/v1/sessions?ward_code=' + encodeURIComponent(ward));
    if (!res.ok) return `<p class="error">${esc(await problem(res))}</p>`;
    const list = (await res.json()).items;
    if (!list.length) return `<p>${t('noSessions')}</p>`;
    return list.map(s => `<section class="card" aria-label="${esc(s.venue)}"><h2>${esc(fmt(s.starts_at))}</h2><p>${esc(s.venue)}</p>
      <ul class="slots">${s.slots.map(sl => `<li><span>${esc(fmt(sl.starts_at))} — ${t('places', sl.remaining)}</span>
      ${sl.remaining > 0 ? `<button type="button" data-book="${s.id}" data-slot="${sl.starts_at}">${t('book')}</button>` : `<span>${t('full')}</span>`}</li>`).join('')}</ul></section>`).join('');
  },

  bookings: async () => {
    if (!localStorage.getItem('access')) return `<p>${t('needLogin')} <a href="#/login">${t('nav.login')}</a></p>`;
    const res = await api('GET', '/v1/me/bookings');
    if (!res.ok) return `<p class="error">${esc(await problem(res))}</p>`;
    const items = (await res.json()).items;
    if (!items.length) return `<p>${t('none')}</p>`;
    setTimeout(() => items.forEach(b => b.status === 'booked' && qr(b.id)));
    return `<h2>${t('myBookings')}</h2>` + items.map(b => `<div class="card"><p><strong>${esc(b.code)}</strong> — ${esc(T[lang].st[b.status] || b.status)}
      ${b.slot_starts_at ? ' — ' + esc(fmt(b.slot_starts_at)) : ''}</p>${b.status === 'booked' ? `<img class="qr" id="qr-${b.id}" alt="QR ${esc(b.code)}">` : ''}</div>`).join('');
  },

  track: async (code) => {
    setTimeout(() => document.getElementById('track-form').addEventListener('submit', async e => {
      e.preventDefault();
      const f = e.target;
      const res = await api('GET', `/v1/public/dossiers/${encodeURIComponent(f.code.value.trim())}?phone_last4=${encodeURIComponent(f.last4.value)}`);
      const out = document.getElementById('result');
      if (!res.ok) { out.innerHTML = `<p class="error" role="alert">${res.status === 404 ? t('notFound') : esc(await problem(res))}</p>`; return; }
      const d = await res.json();
      out.innerHTML = `<div class="card" id="dossier-status"><p><strong>${esc(d.code)}</strong> — ${esc(d.procedure_name)}</p>
        <p>${t('status')}: <strong class="ok">${esc(T[lang].st[d.status] || d.status)}</strong></p>
        <p>${t('received')}: ${esc(fmt(d.received_at))}<br>${t('due')}: ${esc(fmt(d.due_at))}</p>
        <ol>${d.history.map(h => `<li>${esc(fmt(h.at))} — ${esc(T[lang].st[h.status] || h.status)}</li>`).join('')}</ol></div>`;
    }));
    return `<form id="track-form"><label for="code">${t('code')}</label><input id="code" name="code" required value="${esc(code || '')}" autocapitalize="characters">
      <label for="last4">${t('last4')}</label><input id="last4" name="last4" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" required>
      <button class="primary" type="submit">${t('track')}</button></form><div id="result" aria-live="polite"></div>`;
  },

  register: async () => {
    const hoods = await (await api('GET', '/v1/wards/26734/neighborhoods')).json();
    setTimeout(() => document.getElementById('reg-form').addEventListener('submit', async e => {
      e.preventDefault();
      const f = e.target;
      const res = await api('POST', '/v1/auth/register', { phone: f.phone.value, password: f.password.value, full_name: f.full_name.value,
        ward_code: '26734', neighborhood_id: f.hood.value });
      if (!res.ok) { document.getElementById('msg').textContent = await problem(res); return; }
      saveLogin(await res.json());
    }));
    return `<form id="reg-form"><label for="full_name">${t('fullName')}</label><input id="full_name" name="full_name" required autocomplete="name">
      <label for="phone">${t('phone')}</label><input id="phone" name="phone" type="tel" required autocomplete="tel">
      <label for="password">${t('password')}</label><input id="password" name="password" type="password" required autocomplete="new-password">
      <label for="hood">${t('hood')}</label><select id="hood" name="hood">${hoods.items.map(h => `<option value="${h.id}">${esc(h.name)}</option>`).join('')}</select>
      <button class="primary" type="submit">${t('register')}</button><p id="msg" class="error" role="alert"></p></form>`;
  },

  pickups: async () => {
    if (!localStorage.getItem('access')) return `<p>${t('needLogin')} <a href="#/login">${t('nav.login')}</a></p>`;
    const me = await (await api('GET', '/v1/me')).json();
    const list = (await (await api('GET', '/v1/pickups')).json()).items;
    const procs = (await (await api('GET', `/v1/procedures?ward_code=${me.ward_code}&channel=home_pickup&limit=100`)).json()).items;
    setTimeout(() => {
      const form = document.getElementById('pickup-form');
      form && form.addEventListener('submit', async e => {
        e.preventDefault();
        const f = e.target;
        const res = await api('POST', '/v1/pickups', { address: f.address.value, neighborhood_id: me.neighborhood_id, reason: f.reason.value,
          preferred_date: f.date.value, window_start: f.from.value, window_end: f.to.value, contact_phone: me.phone,
          ...(f.procedure.value ? { procedure_id: f.procedure.value } : {}) });
        document.getElementById('msg').textContent = res.ok ? '' : await problem(res);
        if (res.ok) route();
      });
    });
    const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
    return `<form id="pickup-form"><label for="address">${t('address')}</label><input id="address" name="address" required>
      <label for="procedure">${t('procedure')}</label><select id="procedure" name="procedure"><option value=""></option>${procs.map(p => `<option value="${p.id}">${esc(p.name)}</option>`).join('')}</select>
      <label for="reason">${t('reason')}</label><select id="reason" name="reason">${Object.entries(T[lang].reasons).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select>
      <label for="date">${t('date')}</label><input id="date" name="date" type="date" value="${tomorrow}" required>
      <label for="from">${t('from')}</label><input id="from" name="from" type="time" value="09:00" required>
      <label for="to">${t('to')}</label><input id="to" name="to" type="time" value="11:00" required>
      <button class="primary" type="submit">${t('send')}</button><p id="msg" class="error" role="alert"></p></form>
      <ul class="pickups">${list.map(p => `<li class="card pickup" data-status="${p.status}">${esc(p.address)} — <strong>${esc(T[lang].st[p.status] || p.status)}</strong>
      ${p.dossier_id ? ` — <a class="dossier-link" href="#/dossier/${p.dossier_id}">${t('nav.dossiers')}</a>` : ''}
      ${p.status === 'handed_over' && !p.rating ? `<span role="group" aria-label="${t('rate')}">${[1, 2, 3, 4, 5].map(n =>
        `<button type="button" data-rate="${n}" data-pickup="${p.id}" aria-label="${t('rate')} ${n}/5">${'★'.repeat(n)}</button>`).join(' ')}</span>` : ''}
      ${p.rating ? ` — ${'★'.repeat(p.rating)}` : ''}</li>`).join('')}</ul>`;
  },

  dossiers: async () => {
    if (!localStorage.getItem('access')) return `<p>${t('needLogin')}</p>`;
    const list = (await (await api('GET', '/v1/dossiers')).json()).items;
    if (!list.length) return `<p>${t('none')}</p>`;
    return list.map(d => `<div class="card dossier"><p><a href="#/dossier/${d.id}"><strong class="dossier-code">${esc(d.code)}</strong></a> — ${esc(d.procedure_name)}</p>
      <p>${t('status')}: ${esc(T[lang].st[d.status] || d.status)} · ${t('due')}: ${esc(fmt(d.due_at))}</p></div>`).join('');
  },

  dossier: async (id) => {
    const res = await api('GET', '/v1/dossiers/' + encodeURIComponent(id));
    if (!res.ok) return `<p class="error">${esc(await problem(res))}</p>`;
    const d = await res.json();
    setTimeout(() => {
      const f = document.getElementById('post-form');
      f && f.addEventListener('submit', async e => {
        e.preventDefault();
        const r = await api('POST', `/v1/dossiers/${d.id}/shipment`, { recipient_name: f.rname.value, recipient_phone: f.rphone.value,
          province: f.province.value, ward: f.rward.value, street: f.street.value });
        document.getElementById('msg').textContent = r.ok ? t('postBooked') : await problem(r);
      });
    });
    return `<div class="card"><h2>${esc(d.code)} — ${esc(d.procedure_name)}</h2><p>${t('status')}: <strong>${esc(T[lang].st[d.status] || d.status)}</strong> · ${t('due')}: ${esc(fmt(d.due_at))}</p>
      <ol class="timeline">${d.events.map(ev => `<li>${esc(fmt(ev.at))} — ${esc(T[lang].st[ev.to] || ev.to)}${ev.note ? ': ' + esc(ev.note) : ''}</li>`).join('')}</ol></div>
      ${['returned', 'rejected', 'withdrawn'].includes(d.status) ? '' : `<form id="post-form" class="card"><h3>${t('postIt')}</h3>
      <label for="rname">${t('fullName')}</label><input id="rname" name="rname" required value="${esc(d.applicant_name)}">
      <label for="rphone">${t('phone')}</label><input id="rphone" name="rphone" type="tel" required value="${esc(d.applicant_phone || '')}">
      <label for="province">${t('province')}</label><input id="province" name="province" required>
      <label for="rward">${t('rward')}</label><input id="rward" name="rward" required>
      <label for="street">${t('address')}</label><input id="street" name="street" required>
      <button class="primary" type="submit">${t('send')}</button><p id="msg" role="status"></p></form>`}`;
  },

  inbox: async () => {
    if (!localStorage.getItem('access')) return `<p>${t('needLogin')}</p>`;
    const list = (await (await api('GET', '/v1/me/notifications')).json()).items;
    return list.length ? `<ul>${list.map(n => `<li class="card"><strong>${esc(n.title)}</strong><br>${esc(n.body)}</li>`).join('')}</ul>` : `<p>${t('none')}</p>`;
  },

  tasks: async () => {
    const list = (await (await api('GET', '/v1/pickups')).json()).items;
    const next = { requested: ['accepted', 'accept'], assigned: ['accepted', 'accept'], accepted: ['en_route', 'enRoute'],
      en_route: ['collected', 'collected'], collected: ['handed_over', 'handOver'] };
    return list.length ? list.map(p => `<div class="card task" data-id="${p.id}"><p>${esc(p.address)} — <strong class="task-status">${esc(T[lang].st[p.status] || p.status)}</strong></p>
      ${p.status === 'en_route' ? `<label for="docs-${p.id}">${t('docs')}</label><textarea id="docs-${p.id}" rows="3"></textarea>` : ''}
      ${next[p.status] ? `<button type="button" class="primary" data-move="${next[p.status][0]}" data-pickup="${p.id}">${t(next[p.status][1])}</button>` : ''}</div>`).join('')
      : `<p>${t('none')}</p>`;
  },

  checkin: async (sessionId) => {
    setTimeout(() => document.getElementById('checkin-form').addEventListener('submit', async e => {
      e.preventDefault();
      const f = e.target;
      const r = await api('POST', `/v1/sessions/${encodeURIComponent(f.session.value)}/check-ins`, { code: f.code.value.trim() });
      const out = document.getElementById('msg');
      if (!r.ok) { out.className = 'error'; out.textContent = await problem(r); return; }
      const b = await r.json();
      out.className = 'ok'; out.textContent = `${b.code}: ${T[lang].st[b.status] || b.status}`;
      f.code.value = ''; f.code.focus();
    }));
    return `<form id="checkin-form"><label for="session">${t('nav.sessions')}</label><input id="session" name="session" required value="${esc(sessionId || '')}">
      <label for="code">${t('bookingCode')}</label><input id="code" name="code" required autocapitalize="characters" maxlength="6">
      <button class="primary" type="submit">${t('checkIn')}</button><p id="msg" role="status"></p></form>`;
  },

  dashboard: async () => {
    const to = new Date(), from = new Date(Date.now() - 56 * 86400000);
    const day = d => d.toISOString().slice(0, 10);
    const res = await api('GET', `/v1/stats?from=${day(from)}&to=${day(to)}`);
    if (!res.ok) return `<p class="error">${esc(await problem(res))}</p>`;
    const s = await res.json();
    const overdue = (await (await api('GET', '/v1/dossiers?overdue=true&limit=50')).json()).items;
    const atRisk = (await (await api('GET', '/v1/pickups?at_risk=true&limit=50')).json()).items;
    const max = Math.max(1, ...s.weeks.map(w => w.counter + w.online + w.home_pickup + w.saturday_session));
    const colors = { counter: '#757575', online: '#1565c0', home_pickup: '#2e7d32', saturday_session: '#ef6c00' };
    const bars = s.weeks.map((w, i) => {
      let y = 140;
      return Object.keys(colors).map(k => { const h = 120 * w[k] / max; y -= h;
        return `<rect class="bar" x="${10 + i * 40}" y="${y}" width="30" height="${h}" fill="${colors[k]}"><title>${k}: ${w[k]}</title></rect>`; }).join('');
    }).join('');
    const pct = x => Math.round(x * 100) + '%';
    return `<h2>${t('received_w')}</h2><svg id="chart-weeks" role="img" aria-label="${t('received_w')}" viewBox="0 0 ${20 + s.weeks.length * 40} 150" width="100%" height="150">${bars}</svg>
      <div class="card"><p>${t('online')}: <strong>${pct(s.online_share)}</strong> · ${t('onTime')}: <strong>${pct(s.on_time_rate)}</strong> · ${t('overdue')}: <strong id="overdue">${s.overdue_now}</strong></p>
      <p>${t('pickupsDone')}: ${s.pickups_done} · ${t('attendance')}: ${s.session_checked_in + s.session_walk_ins} · ${t('postal')}: ${s.postal_delivered}</p></div>
      <h2>${t('overdue')}</h2><ul id="overdue-list">${overdue.map(d => `<li><a href="#/dossier/${d.id}">${esc(d.code)}</a> — ${esc(d.applicant_name)} — ${t('due')}: ${esc(fmt(d.due_at))}</li>`).join('') || `<li>${t('none')}</li>`}</ul>
      <h2>${t('atRisk')}</h2><ul id="atrisk-list">${atRisk.map(p => `<li>${esc(p.address)} — ${esc(fmt(p.created_at))}</li>`).join('') || `<li>${t('none')}</li>`}</ul>`;
  },
};

function saveLogin(a) {
  localStorage.setItem('access', a.access_token); localStorage.setItem('refresh', a.refresh_token);
  localStorage.setItem('ward', a.user.ward_code); localStorage.setItem('role', a.user.role);
  location.hash = a.user.role === 'volunteer' ? '#/tasks' : a.user.role === 'citizen' ? '#/sessions' : '#/dashboard';
}

// Citizens rate a finished pickup.
document.addEventListener('click', async e => {
  const b = e.target.closest('[data-rate]');
  if (!b) return;
  const res = await api('POST', `/v1/pickups/${b.dataset.pickup}/rating`, { score: Number(b.dataset.rate) });
  if (!res.ok) alert(await problem(res));
  route();
});

// Volunteers move their tasks; "collected" sends the checklist and an in-person confirmation.
document.addEventListener('click', async e => {
  const b = e.target.closest('[data-move]');
  if (!b) return;
  b.disabled = true;
  const body = { to: b.dataset.move };
  if (body.to === 'collected') {
    const docs = document.getElementById('docs-' + b.dataset.pickup);
    body.collected_documents = (docs ? docs.value : '').split('\n').map(x => x.trim()).filter(Boolean);
    body.confirmed_in_person = true;
  }
  const res = await api('POST', `/v1/pickups/${b.dataset.pickup}/transitions`, body);
  if (!res.ok) alert(await problem(res));
  route();
});

// qr shows a booking's QR code (fetched with the token, as an image the page owns).
async function qr(id) {
  const res = await api('GET', `/v1/bookings/${id}/qr.png`);
  if (res.ok) document.getElementById('qr-' + id).src = URL.createObjectURL(await res.blob());
}

document.addEventListener('click', async e => {
  const b = e.target.closest('[data-book]');
  if (!b) return;
  if (!localStorage.getItem('access')) { location.hash = '#/login'; return; }
  b.disabled = true;
  const res = await api('POST', `/v1/sessions/${b.dataset.book}/bookings`, { slot_starts_at: b.dataset.slot });
  if (!res.ok) { alert(await problem(res)); b.disabled = false; return; }
  const booking = await res.json();
  main.innerHTML = `<div class="card"><p class="ok">${t('booked')} <strong id="booking-code">${esc(booking.code)}</strong></p>
    <img class="qr" id="qr-${booking.id}" alt="QR ${esc(booking.code)}"><p>${t('showQR')}</p></div>`;
  qr(booking.id);
});

async function route() {
  // The receipt's QR opens /track/CODE: show the tracking form with the code filled in.
  const path = location.pathname.match(/^\/track\/([^/]+)$/);
  const [name, arg] = path ? ['track', decodeURIComponent(path[1])] : location.hash.replace(/^#\/?/, '').split('/');
  document.querySelectorAll('[data-auth]').forEach(el => el.hidden = !localStorage.getItem('access'));
  document.querySelectorAll('[data-anon]').forEach(el => el.hidden = !!localStorage.getItem('access'));
  const role = localStorage.getItem('access') ? localStorage.getItem('role') : '';
  document.querySelectorAll('[data-role]').forEach(el => el.hidden = !el.dataset.role.split(' ').includes(role));
  document.querySelectorAll('[data-i18n]').forEach(el => el.textContent = t(el.dataset.i18n));
  document.documentElement.lang = lang;
  document.getElementById('lang').textContent = lang === 'vi' ? 'EN' : 'VI';
  const screen = screens[name] || screens[''];
  main.innerHTML = await screen(arg);
  main.focus();
}
document.getElementById('lang').addEventListener('click', () => { lang = lang === 'vi' ? 'en' : 'vi'; localStorage.setItem('lang', lang); route(); });
document.getElementById('logout').addEventListener('click', async () => {
  await api('POST', '/v1/auth/logout', { refresh_token: localStorage.getItem('refresh') || 'none' });
  ['access', 'refresh', 'role'].forEach(k => localStorage.removeItem(k)); location.hash = '#/';
  route();
});
window.addEventListener('hashchange', route);
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js');
route();
