var xe=()=>{};var Be=function(e){let t=[],n=0;for(let r=0;r<e.length;r++){let i=e.charCodeAt(r);i<128?t[n++]=i:i<2048?(t[n++]=i>>6|192,t[n++]=i&63|128):(i&64512)===55296&&r+1<e.length&&(e.charCodeAt(r+1)&64512)===56320?(i=65536+((i&1023)<<10)+(e.charCodeAt(++r)&1023),t[n++]=i>>18|240,t[n++]=i>>12&63|128,t[n++]=i>>6&63|128,t[n++]=i&63|128):(t[n++]=i>>12|224,t[n++]=i>>6&63|128,t[n++]=i&63|128)}return t},qt=function(e){let t=[],n=0,r=0;for(;n<e.length;){let i=e[n++];if(i<128)t[r++]=String.fromCharCode(i);else if(i>191&&i<224){let o=e[n++];t[r++]=String.fromCharCode((i&31)<<6|o&63)}else if(i>239&&i<365){let o=e[n++],s=e[n++],c=e[n++],f=((i&7)<<18|(o&63)<<12|(s&63)<<6|c&63)-65536;t[r++]=String.fromCharCode(55296+(f>>10)),t[r++]=String.fromCharCode(56320+(f&1023))}else{let o=e[n++],s=e[n++];t[r++]=String.fromCharCode((i&15)<<12|(o&63)<<6|s&63)}}return t.join("")},Pe={byteToCharMap_:null,charToByteMap_:null,byteToCharMapWebSafe_:null,charToByteMapWebSafe_:null,ENCODED_VALS_BASE:"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",get ENCODED_VALS(){return this.ENCODED_VALS_BASE+"+/="},get ENCODED_VALS_WEBSAFE(){return this.ENCODED_VALS_BASE+"-_."},HAS_NATIVE_SUPPORT:typeof atob=="function",encodeByteArray(e,t){if(!Array.isArray(e))throw Error("encodeByteArray takes an array as a parameter");this.init_();let n=t?this.byteToCharMapWebSafe_:this.byteToCharMap_,r=[];for(let i=0;i<e.length;i+=3){let o=e[i],s=i+1<e.length,c=s?e[i+1]:0,f=i+2<e.length,a=f?e[i+2]:0,j=o>>2,x=(o&3)<<4|c>>4,U=(c&15)<<2|a>>6,V=a&63;f||(V=64,s||(U=64)),r.push(n[j],n[x],n[U],n[V])}return r.join("")},encodeString(e,t){return this.HAS_NATIVE_SUPPORT&&!t?btoa(e):this.encodeByteArray(Be(e),t)},decodeString(e,t){return this.HAS_NATIVE_SUPPORT&&!t?atob(e):qt(this.decodeStringToByteArray(e,t))},decodeStringToByteArray(e,t){this.init_();let n=t?this.charToByteMapWebSafe_:this.charToByteMap_,r=[];for(let i=0;i<e.length;){let o=n[e.charAt(i++)],c=i<e.length?n[e.charAt(i)]:0;++i;let a=i<e.length?n[e.charAt(i)]:64;++i;let x=i<e.length?n[e.charAt(i)]:64;if(++i,o==null||c==null||a==null||x==null)throw new ee;let U=o<<2|c>>4;if(r.push(U),a!==64){let V=c<<4&240|a>>2;if(r.push(V),x!==64){let zt=a<<6&192|x;r.push(zt)}}}return r},init_(){if(!this.byteToCharMap_){this.byteToCharMap_={},this.charToByteMap_={},this.byteToCharMapWebSafe_={},this.charToByteMapWebSafe_={};for(let e=0;e<this.ENCODED_VALS.length;e++)this.byteToCharMap_[e]=this.ENCODED_VALS.charAt(e),this.charToByteMap_[this.byteToCharMap_[e]]=e,this.byteToCharMapWebSafe_[e]=this.ENCODED_VALS_WEBSAFE.charAt(e),this.charToByteMapWebSafe_[this.byteToCharMapWebSafe_[e]]=e,e>=this.ENCODED_VALS_BASE.length&&(this.charToByteMap_[this.ENCODED_VALS_WEBSAFE.charAt(e)]=e,this.charToByteMapWebSafe_[this.ENCODED_VALS.charAt(e)]=e)}}},ee=class extends Error{constructor(){super(...arguments),this.name="DecodeBase64StringError"}},Gt=function(e){let t=Be(e);return Pe.encodeByteArray(t,!0)},te=function(e){return Gt(e).replace(/\./g,"")},Fe=function(e){try{return Pe.decodeString(e,!0)}catch(t){console.error("base64Decode failed: ",t)}return null};function Jt(){if(typeof self<"u")return self;if(typeof window<"u")return window;if(typeof global<"u")return global;throw new Error("Unable to locate global object.")}var Yt=()=>Jt().__FIREBASE_DEFAULTS__,Xt=()=>{if(typeof process>"u"||typeof process.env>"u")return;let e=process.env.__FIREBASE_DEFAULTS__;if(e)return JSON.parse(e)},Qt=()=>{if(typeof document>"u")return;let e;try{e=document.cookie.match(/__FIREBASE_DEFAULTS__=([^;]+)/)}catch{return}let t=e&&Fe(e[1]);return t&&JSON.parse(t)},Zt=()=>{try{return xe()||Yt()||Xt()||Qt()}catch(e){console.info(`Unable to get __FIREBASE_DEFAULTS__ due to: ${e}`);return}};var ne=()=>Zt()?.config;var W=class{constructor(){this.reject=()=>{},this.resolve=()=>{},this.promise=new Promise((t,n)=>{this.resolve=t,this.reject=n})}wrapCallback(t){return(n,r)=>{n?this.reject(n):this.resolve(r),typeof t=="function"&&(this.promise.catch(()=>{}),t.length===1?t(n):t(n,r))}}};function K(){try{return typeof indexedDB=="object"}catch{return!1}}function z(){return new Promise((e,t)=>{try{let n=!0,r="validate-browser-context-for-indexeddb-analytics-module",i=self.indexedDB.open(r);i.onsuccess=()=>{i.result.close(),n||self.indexedDB.deleteDatabase(r),e(!0)},i.onupgradeneeded=()=>{n=!1},i.onerror=()=>{t(i.error?.message||"")}}catch(n){t(n)}})}function Le(){return!(typeof navigator>"u"||!navigator.cookieEnabled)}var en="FirebaseError",m=class e extends Error{constructor(t,n,r){super(n),this.code=t,this.customData=r,this.name=en,Object.setPrototypeOf(this,e.prototype),Error.captureStackTrace&&Error.captureStackTrace(this,w.prototype.create)}},w=class{constructor(t,n,r){this.service=t,this.serviceName=n,this.errors=r}create(t,...n){let r=n[0]||{},i=`${this.service}/${t}`,o=this.errors[t],s=o?tn(o,r):"Error",c=`${this.serviceName}: ${s} (${i}).`;return new m(i,c,r)}};function tn(e,t){try{let n=0,r="";for(;n<e.length;){let i=e.indexOf("{$",n);if(i===-1){r+=e.substring(n);break}let o=e.indexOf("}",i+2);if(o===-1){r+=e.substring(n);break}let s=e.substring(i+2,o),c=t[s];r+=e.substring(n,i)+(c!=null?String(c):`<${s}?>`),n=o+1}return r}catch{return e}}function q(e,t){if(e===t)return!0;let n=Object.keys(e),r=Object.keys(t);for(let i of n){if(!r.includes(i))return!1;let o=e[i],s=t[i];if(Me(o)&&Me(s)){if(!q(o,s))return!1}else if(o!==s)return!1}for(let i of r)if(!n.includes(i))return!1;return!0}function Me(e){return e!==null&&typeof e=="object"}var Ji=14400*1e3;function G(e){return e&&e._delegate?e._delegate:e}var l=class{constructor(t,n,r){this.name=t,this.instanceFactory=n,this.type=r,this.multipleInstances=!1,this.serviceProps={},this.instantiationMode="LAZY",this.onInstanceCreated=null}setInstantiationMode(t){return this.instantiationMode=t,this}setMultipleInstances(t){return this.multipleInstances=t,this}setServiceProps(t){return this.serviceProps=t,this}setInstanceCreatedCallback(t){return this.onInstanceCreated=t,this}};var S="[DEFAULT]";var re=class{constructor(t,n){this.name=t,this.container=n,this.component=null,this.instances=new Map,this.instancesDeferred=new Map,this.instancesOptions=new Map,this.onInitCallbacks=new Map}get(t){let n=this.normalizeInstanceIdentifier(t);if(!this.instancesDeferred.has(n)){let r=new W;if(this.instancesDeferred.set(n,r),this.isInitialized(n)||this.shouldAutoInitialize())try{let i=this.getOrInitializeService({instanceIdentifier:n});i&&r.resolve(i)}catch{}}return this.instancesDeferred.get(n).promise}getImmediate(t){let n=this.normalizeInstanceIdentifier(t?.identifier),r=t?.optional??!1;if(this.isInitialized(n)||this.shouldAutoInitialize())try{return this.getOrInitializeService({instanceIdentifier:n})}catch(i){if(r)return null;throw i}else{if(r)return null;throw Error(`Service ${this.name} is not available`)}}getComponent(){return this.component}setComponent(t){if(t.name!==this.name)throw Error(`Mismatching Component ${t.name} for Provider ${this.name}.`);if(this.component)throw Error(`Component for ${this.name} has already been provided`);if(this.component=t,!!this.shouldAutoInitialize()){if(rn(t))try{this.getOrInitializeService({instanceIdentifier:S})}catch{}for(let[n,r]of this.instancesDeferred.entries()){let i=this.normalizeInstanceIdentifier(n);try{let o=this.getOrInitializeService({instanceIdentifier:i});r.resolve(o)}catch{}}}}clearInstance(t=S){this.instancesDeferred.delete(t),this.instancesOptions.delete(t),this.instances.delete(t)}async delete(){let t=Array.from(this.instances.values());await Promise.all([...t.filter(n=>"INTERNAL"in n).map(n=>n.INTERNAL.delete()),...t.filter(n=>"_delete"in n).map(n=>n._delete())])}isComponentSet(){return this.component!=null}isInitialized(t=S){return this.instances.has(t)}getOptions(t=S){return this.instancesOptions.get(t)||{}}initialize(t={}){let{options:n={}}=t,r=this.normalizeInstanceIdentifier(t.instanceIdentifier);if(this.isInitialized(r))throw Error(`${this.name}(${r}) has already been initialized`);if(!this.isComponentSet())throw Error(`Component ${this.name} has not been registered yet`);let i=this.getOrInitializeService({instanceIdentifier:r,options:n});for(let[o,s]of this.instancesDeferred.entries()){let c=this.normalizeInstanceIdentifier(o);r===c&&s.resolve(i)}return i}onInit(t,n){let r=this.normalizeInstanceIdentifier(n),i=this.onInitCallbacks.get(r)??new Set;i.add(t),this.onInitCallbacks.set(r,i);let o=this.instances.get(r);return o&&t(o,r),()=>{i.delete(t)}}invokeOnInitCallbacks(t,n){let r=this.onInitCallbacks.get(n);if(r)for(let i of r)try{i(t,n)}catch{}}getOrInitializeService({instanceIdentifier:t,options:n={}}){let r=this.instances.get(t);if(!r&&this.component&&(r=this.component.instanceFactory(this.container,{instanceIdentifier:nn(t),options:n}),this.instances.set(t,r),this.instancesOptions.set(t,n),this.invokeOnInitCallbacks(r,t),this.component.onInstanceCreated))try{this.component.onInstanceCreated(this.container,t,r)}catch{}return r||null}normalizeInstanceIdentifier(t=S){return this.component?this.component.multipleInstances?t:S:t}shouldAutoInitialize(){return!!this.component&&this.component.instantiationMode!=="EXPLICIT"}};function nn(e){return e===S?void 0:e}function rn(e){return e.instantiationMode==="EAGER"}var J=class{constructor(t){this.name=t,this.providers=new Map}addComponent(t){let n=this.getProvider(t.name);if(n.isComponentSet())throw new Error(`Component ${t.name} has already been registered with ${this.name}`);n.setComponent(t)}addOrOverwriteComponent(t){this.getProvider(t.name).isComponentSet()&&this.providers.delete(t.name),this.addComponent(t)}getProvider(t){if(this.providers.has(t))return this.providers.get(t);let n=new re(t,this);return this.providers.set(t,n),n}getProviders(){return Array.from(this.providers.values())}};var on=[],d;(function(e){e[e.DEBUG=0]="DEBUG",e[e.VERBOSE=1]="VERBOSE",e[e.INFO=2]="INFO",e[e.WARN=3]="WARN",e[e.ERROR=4]="ERROR",e[e.SILENT=5]="SILENT"})(d||(d={}));var sn={debug:d.DEBUG,verbose:d.VERBOSE,info:d.INFO,warn:d.WARN,error:d.ERROR,silent:d.SILENT},an=d.INFO,cn={[d.DEBUG]:"log",[d.VERBOSE]:"log",[d.INFO]:"info",[d.WARN]:"warn",[d.ERROR]:"error"},fn=(e,t,...n)=>{if(t<e.logLevel)return;let r=new Date().toISOString(),i=cn[t];if(i)console[i](`[${r}]  ${e.name}:`,...n);else throw new Error(`Attempted to log a message with an invalid logType (value: ${t})`)},Y=class{constructor(t){this.name=t,this._logLevel=an,this._logHandler=fn,this._userLogHandler=null,on.push(this)}get logLevel(){return this._logLevel}set logLevel(t){if(!(t in d))throw new TypeError(`Invalid value "${t}" assigned to \`logLevel\``);this._logLevel=t}setLogLevel(t){this._logLevel=typeof t=="string"?sn[t]:t}get logHandler(){return this._logHandler}set logHandler(t){if(typeof t!="function")throw new TypeError("Value assigned to `logHandler` must be a function");this._logHandler=t}get userLogHandler(){return this._userLogHandler}set userLogHandler(t){this._userLogHandler=t}debug(...t){this._userLogHandler&&this._userLogHandler(this,d.DEBUG,...t),this._logHandler(this,d.DEBUG,...t)}log(...t){this._userLogHandler&&this._userLogHandler(this,d.VERBOSE,...t),this._logHandler(this,d.VERBOSE,...t)}info(...t){this._userLogHandler&&this._userLogHandler(this,d.INFO,...t),this._logHandler(this,d.INFO,...t)}warn(...t){this._userLogHandler&&this._userLogHandler(this,d.WARN,...t),this._logHandler(this,d.WARN,...t)}error(...t){this._userLogHandler&&this._userLogHandler(this,d.ERROR,...t),this._logHandler(this,d.ERROR,...t)}};var un=(e,t)=>t.some(n=>e instanceof n),$e,He;function dn(){return $e||($e=[IDBDatabase,IDBObjectStore,IDBIndex,IDBCursor,IDBTransaction])}function ln(){return He||(He=[IDBCursor.prototype.advance,IDBCursor.prototype.continue,IDBCursor.prototype.continuePrimaryKey])}var je=new WeakMap,oe=new WeakMap,Ue=new WeakMap,ie=new WeakMap,ae=new WeakMap;function hn(e){let t=new Promise((n,r)=>{let i=()=>{e.removeEventListener("success",o),e.removeEventListener("error",s)},o=()=>{n(h(e.result)),i()},s=()=>{r(e.error),i()};e.addEventListener("success",o),e.addEventListener("error",s)});return t.then(n=>{n instanceof IDBCursor&&je.set(n,e)}).catch(()=>{}),ae.set(t,e),t}function pn(e){if(oe.has(e))return;let t=new Promise((n,r)=>{let i=()=>{e.removeEventListener("complete",o),e.removeEventListener("error",s),e.removeEventListener("abort",s)},o=()=>{n(),i()},s=()=>{r(e.error||new DOMException("AbortError","AbortError")),i()};e.addEventListener("complete",o),e.addEventListener("error",s),e.addEventListener("abort",s)});oe.set(e,t)}var se={get(e,t,n){if(e instanceof IDBTransaction){if(t==="done")return oe.get(e);if(t==="objectStoreNames")return e.objectStoreNames||Ue.get(e);if(t==="store")return n.objectStoreNames[1]?void 0:n.objectStore(n.objectStoreNames[0])}return h(e[t])},set(e,t,n){return e[t]=n,!0},has(e,t){return e instanceof IDBTransaction&&(t==="done"||t==="store")?!0:t in e}};function Ve(e){se=e(se)}function gn(e){return e===IDBDatabase.prototype.transaction&&!("objectStoreNames"in IDBTransaction.prototype)?function(t,...n){let r=e.call(X(this),t,...n);return Ue.set(r,t.sort?t.sort():[t]),h(r)}:ln().includes(e)?function(...t){return e.apply(X(this),t),h(je.get(this))}:function(...t){return h(e.apply(X(this),t))}}function bn(e){return typeof e=="function"?gn(e):(e instanceof IDBTransaction&&pn(e),un(e,dn())?new Proxy(e,se):e)}function h(e){if(e instanceof IDBRequest)return hn(e);if(ie.has(e))return ie.get(e);let t=bn(e);return t!==e&&(ie.set(e,t),ae.set(t,e)),t}var X=e=>ae.get(e);function v(e,t,{blocked:n,upgrade:r,blocking:i,terminated:o}={}){let s=indexedDB.open(e,t),c=h(s);return r&&s.addEventListener("upgradeneeded",f=>{r(h(s.result),f.oldVersion,f.newVersion,h(s.transaction),f)}),n&&s.addEventListener("blocked",f=>n(f.oldVersion,f.newVersion,f)),c.then(f=>{o&&f.addEventListener("close",()=>o()),i&&f.addEventListener("versionchange",a=>i(a.oldVersion,a.newVersion,a))}).catch(()=>{}),c}function M(e,{blocked:t}={}){let n=indexedDB.deleteDatabase(e);return t&&n.addEventListener("blocked",r=>t(r.oldVersion,r)),h(n).then(()=>{})}var mn=["get","getKey","getAll","getAllKeys","count"],wn=["put","add","delete","clear"],ce=new Map;function We(e,t){if(!(e instanceof IDBDatabase&&!(t in e)&&typeof t=="string"))return;if(ce.get(t))return ce.get(t);let n=t.replace(/FromIndex$/,""),r=t!==n,i=wn.includes(n);if(!(n in(r?IDBIndex:IDBObjectStore).prototype)||!(i||mn.includes(n)))return;let o=async function(s,...c){let f=this.transaction(s,i?"readwrite":"readonly"),a=f.store;return r&&(a=a.index(c.shift())),(await Promise.all([a[n](...c),i&&f.done]))[0]};return ce.set(t,o),o}Ve(e=>({...e,get:(t,n,r)=>We(t,n)||e.get(t,n,r),has:(t,n)=>!!We(t,n)||e.has(t,n)}));var ue=class{constructor(t){this.container=t}getPlatformInfoString(){return this.container.getProviders().map(n=>{if(yn(n)){let r=n.getImmediate();return`${r.library}/${r.version}`}else return null}).filter(n=>n).join(" ")}};function yn(e){return e.getComponent()?.type==="VERSION"}var de="@firebase/app",Ke="0.16.5";var _=new Y("@firebase/app"),_n="@firebase/app-compat",En="@firebase/analytics-compat",In="@firebase/analytics",Sn="@firebase/app-check-compat",vn="@firebase/app-check",An="@firebase/auth",Tn="@firebase/auth-compat",Dn="@firebase/crashlytics",Cn="@firebase/database",kn="@firebase/data-connect",On="@firebase/database-compat",Rn="@firebase/functions",Nn="@firebase/functions-compat",xn="@firebase/installations",Mn="@firebase/installations-compat",Bn="@firebase/messaging",Pn="@firebase/messaging-compat",Fn="@firebase/performance",Ln="@firebase/performance-compat",$n="@firebase/remote-config",Hn="@firebase/remote-config-compat",jn="@firebase/storage",Un="@firebase/storage-compat",Vn="@firebase/firestore",Wn="@firebase/ai",Kn="@firebase/firestore-compat",zn="firebase";var le="[DEFAULT]",qn={[de]:"fire-core",[_n]:"fire-core-compat",[In]:"fire-analytics",[En]:"fire-analytics-compat",[vn]:"fire-app-check",[Sn]:"fire-app-check-compat",[An]:"fire-auth",[Tn]:"fire-auth-compat",[Dn]:"fire-cls",[Cn]:"fire-rtdb",[kn]:"fire-data-connect",[On]:"fire-rtdb-compat",[Rn]:"fire-fn",[Nn]:"fire-fn-compat",[xn]:"fire-iid",[Mn]:"fire-iid-compat",[Bn]:"fire-fcm",[Pn]:"fire-fcm-compat",[Fn]:"fire-perf",[Ln]:"fire-perf-compat",[$n]:"fire-rc",[Hn]:"fire-rc-compat",[jn]:"fire-gcs",[Un]:"fire-gcs-compat",[Vn]:"fire-fst",[Kn]:"fire-fst-compat",[Wn]:"fire-vertex","fire-js":"fire-js",[zn]:"fire-js-all"};var B=new Map,Gn=new Map,he=new Map;function ze(e,t){try{e.container.addComponent(t)}catch(n){_.debug(`Component ${t.name} failed to register with FirebaseApp ${e.name}`,n)}}function E(e){let t=e.name;if(he.has(t))return _.debug(`There were multiple attempts to register component ${t}.`),!1;he.set(t,e);for(let n of B.values())ze(n,e);for(let n of Gn.values())ze(n,e);return!0}function F(e,t){let n=e.container.getProvider("heartbeat").getImmediate({optional:!0});return n&&n.triggerHeartbeat(),e.container.getProvider(t)}var Jn={"no-app":"No Firebase App '{$appName}' has been created - call initializeApp() first","bad-app-name":"Illegal App name: '{$appName}'","duplicate-app":"Firebase App named '{$appName}' already exists with different {$mismatchedParam}. Existing: '{$oldValue}'. New: '{$newValue}'.","app-deleted":"Firebase App named '{$appName}' already deleted","server-app-deleted":"Firebase Server App has been deleted","no-options":"Need to provide options, when not being deployed to hosting via source.","invalid-app-argument":"firebase.{$appName}() takes either no argument or a Firebase App instance.","invalid-log-argument":"First argument to `onLog` must be null or a function.","idb-open":"Error thrown when opening IndexedDB. Original error: {$originalErrorMessage}.","idb-get":"Error thrown when reading from IndexedDB. Original error: {$originalErrorMessage}.","idb-set":"Error thrown when writing to IndexedDB. Original error: {$originalErrorMessage}.","idb-delete":"Error thrown when deleting from IndexedDB. Original error: {$originalErrorMessage}.","finalization-registry-not-supported":"FirebaseServerApp deleteOnDeref field defined but the JS runtime does not support FinalizationRegistry.","invalid-server-app-environment":"FirebaseServerApp is not for use in browser environments."},y=new w("app","Firebase",Jn);var pe=class{constructor(t,n,r){this._isDeleted=!1,this._options={...t},this._config={...n},this._name=n.name,this._automaticDataCollectionEnabled=n.automaticDataCollectionEnabled,this._container=r,this.container.addComponent(new l("app",()=>this,"PUBLIC"))}get automaticDataCollectionEnabled(){return this.checkDestroyed(),this._automaticDataCollectionEnabled}set automaticDataCollectionEnabled(t){this.checkDestroyed(),this._automaticDataCollectionEnabled=t}get name(){return this.checkDestroyed(),this._name}get options(){return this.checkDestroyed(),this._options}get config(){return this.checkDestroyed(),this._config}get container(){return this._container}get isDeleted(){return this._isDeleted}set isDeleted(t){this._isDeleted=t}checkDestroyed(){if(this.isDeleted)throw y.create("app-deleted",{appName:this._name})}};function Ye(e,t={}){let n=e;typeof t!="object"&&(t={name:t});let r={name:le,automaticDataCollectionEnabled:!0,...t},i=r.name;if(typeof i!="string"||!i)throw y.create("bad-app-name",{appName:String(i)});if(n||(n=ne()),!n)throw y.create("no-options");let o=B.get(i);if(o)if(q(n,o.options)){if(q(r,o.config))return o;throw y.create("duplicate-app",{appName:i,mismatchedParam:"config",oldValue:JSON.stringify(o.config),newValue:JSON.stringify(r)})}else throw y.create("duplicate-app",{appName:i,mismatchedParam:"options",oldValue:JSON.stringify(o.options),newValue:JSON.stringify(n)});let s=new J(i);for(let f of he.values())s.addComponent(f);let c=new pe(n,r,s);return B.set(i,c),c}function me(e=le){let t=B.get(e);if(!t&&e===le&&ne())return Ye();if(!t)throw y.create("no-app",{appName:e});return t}function Yn(){return Array.from(B.values())}function p(e,t,n){let r=qn[e]??e;n&&(r+=`-${n}`);let i=r.match(/\s|\//),o=t.match(/\s|\//);if(i||o){let s=[`Unable to register library "${r}" with version "${t}":`];i&&s.push(`library name "${r}" contains illegal characters (whitespace or "/")`),i&&o&&s.push("and"),o&&s.push(`version name "${t}" contains illegal characters (whitespace or "/")`),_.warn(s.join(" "));return}E(new l(`${r}-version`,()=>({library:r,version:t}),"VERSION"))}var Xn="firebase-heartbeat-database",Qn=1,P="firebase-heartbeat-store",fe=null;function Xe(){return fe||(fe=v(Xn,Qn,{upgrade:(e,t)=>{switch(t){case 0:try{e.createObjectStore(P)}catch(n){console.warn(n)}}}}).catch(e=>{throw y.create("idb-open",{originalErrorMessage:e.message})})),fe}async function Zn(e){try{let n=(await Xe()).transaction(P),r=await n.objectStore(P).get(Qe(e));return await n.done,r}catch(t){if(t instanceof m)_.warn(t.message);else{let n=y.create("idb-get",{originalErrorMessage:t?.message});_.warn(n.message)}}}async function qe(e,t){try{let r=(await Xe()).transaction(P,"readwrite");await r.objectStore(P).put(t,Qe(e)),await r.done}catch(n){if(n instanceof m)_.warn(n.message);else{let r=y.create("idb-set",{originalErrorMessage:n?.message});_.warn(r.message)}}}function Qe(e){return`${e.name}!${e.options.appId}`}var er=1024,tr=30,ge=class{constructor(t){this.container=t,this._heartbeatsCache=null;let n=this.container.getProvider("app").getImmediate();this._storage=new be(n),this._heartbeatsCachePromise=this._storage.read().then(r=>(this._heartbeatsCache=r,r))}async triggerHeartbeat(){try{let n=this.container.getProvider("platform-logger").getImmediate().getPlatformInfoString(),r=Ge();if(this._heartbeatsCache?.heartbeats==null&&(this._heartbeatsCache=await this._heartbeatsCachePromise,this._heartbeatsCache?.heartbeats==null)||this._heartbeatsCache.lastSentHeartbeatDate===r||this._heartbeatsCache.heartbeats.some(i=>i.date===r))return;if(this._heartbeatsCache.heartbeats.push({date:r,agent:n}),this._heartbeatsCache.heartbeats.length>tr){let i=rr(this._heartbeatsCache.heartbeats);this._heartbeatsCache.heartbeats.splice(i,1)}return this._storage.overwrite(this._heartbeatsCache)}catch(t){_.warn(t)}}async getHeartbeatsHeader(){try{if(this._heartbeatsCache===null&&await this._heartbeatsCachePromise,this._heartbeatsCache?.heartbeats==null||this._heartbeatsCache.heartbeats.length===0)return"";let t=Ge(),{heartbeatsToSend:n,unsentEntries:r}=nr(this._heartbeatsCache.heartbeats),i=te(JSON.stringify({version:2,heartbeats:n}));return this._heartbeatsCache.lastSentHeartbeatDate=t,r.length>0?(this._heartbeatsCache.heartbeats=r,await this._storage.overwrite(this._heartbeatsCache)):(this._heartbeatsCache.heartbeats=[],this._storage.overwrite(this._heartbeatsCache)),i}catch(t){return _.warn(t),""}}};function Ge(){return new Date().toISOString().substring(0,10)}function nr(e,t=er){let n=[],r=e.slice();for(let i of e){let o=n.find(s=>s.agent===i.agent);if(o){if(o.dates.push(i.date),Je(n)>t){o.dates.pop();break}}else if(n.push({agent:i.agent,dates:[i.date]}),Je(n)>t){n.pop();break}r=r.slice(1)}return{heartbeatsToSend:n,unsentEntries:r}}var be=class{constructor(t){this.app=t,this._canUseIndexedDBPromise=this.runIndexedDBEnvironmentCheck()}async runIndexedDBEnvironmentCheck(){return K()?z().then(()=>!0).catch(()=>!1):!1}async read(){if(await this._canUseIndexedDBPromise){let n=await Zn(this.app);return n?.heartbeats?n:{heartbeats:[]}}else return{heartbeats:[]}}async overwrite(t){if(await this._canUseIndexedDBPromise){let r=await this.read();return qe(this.app,{lastSentHeartbeatDate:t.lastSentHeartbeatDate??r.lastSentHeartbeatDate,heartbeats:t.heartbeats})}else return}async add(t){if(await this._canUseIndexedDBPromise){let r=await this.read();return qe(this.app,{lastSentHeartbeatDate:t.lastSentHeartbeatDate??r.lastSentHeartbeatDate,heartbeats:[...r.heartbeats,...t.heartbeats]})}else return}};function Je(e){return te(JSON.stringify({version:2,heartbeats:e})).length}function rr(e){if(e.length===0)return-1;let t=0,n=e[0].date;for(let r=1;r<e.length;r++)e[r].date<n&&(n=e[r].date,t=r);return t}function ir(e){E(new l("platform-logger",t=>new ue(t),"PRIVATE")),E(new l("heartbeat",t=>new ge(t),"PRIVATE")),p(de,Ke,e),p(de,Ke,"esm2020"),p("fire-js","")}ir("");var or="firebase",sr="13.2.0";p(or,sr,"app");var tt="@firebase/installations",Ee="0.6.24";var nt=1e4,rt=`w:${Ee}`,it="FIS_v2",ar="https://firebaseinstallations.googleapis.com/v1",cr=3600*1e3,fr="installations",ur="Installations";var dr={"missing-app-config-values":'Missing App configuration value: "{$valueName}"',"not-registered":"Firebase Installation is not registered.","installation-not-found":"Firebase Installation not found.","request-failed":'{$requestName} request failed with error "{$serverCode} {$serverStatus}: {$serverMessage}"',"app-offline":"Could not process request. Application offline.","delete-pending-registration":"Can't delete installation while there is a pending registration request."},T=new w(fr,ur,dr);function ot(e){return e instanceof m&&e.code.includes("request-failed")}function st({projectId:e}){return`${ar}/projects/${e}/installations`}function at(e){return{token:e.token,requestStatus:2,expiresIn:hr(e.expiresIn),creationTime:Date.now()}}async function ct(e,t){let r=(await t.json()).error;return T.create("request-failed",{requestName:e,serverCode:r.code,serverMessage:r.message,serverStatus:r.status})}function ft({apiKey:e}){return new Headers({"Content-Type":"application/json",Accept:"application/json","x-goog-api-key":e})}function lr(e,{refreshToken:t}){let n=ft(e);return n.append("Authorization",pr(t)),n}async function ut(e){let t=await e();return t.status>=500&&t.status<600?e():t}function hr(e){return Number(e.replace("s","000"))}function pr(e){return`${it} ${e}`}async function gr({appConfig:e,heartbeatServiceProvider:t},{fid:n}){let r=st(e),i=ft(e),o=t.getImmediate({optional:!0});if(o){let a=await o.getHeartbeatsHeader();a&&i.append("x-firebase-client",a)}let s={fid:n,authVersion:it,appId:e.appId,sdkVersion:rt},c={method:"POST",headers:i,body:JSON.stringify(s)},f=await ut(()=>fetch(r,c));if(f.ok){let a=await f.json();return{fid:a.fid||n,registrationStatus:2,refreshToken:a.refreshToken,authToken:at(a.authToken)}}else throw await ct("Create Installation",f)}function dt(e){return new Promise(t=>{setTimeout(t,e)})}function br(e){return btoa(String.fromCharCode(...e)).replace(/\+/g,"-").replace(/\//g,"_")}var mr=/^[cdef][\w-]{21}$/,_e="";function wr(){try{let e=new Uint8Array(17);(self.crypto||self.msCrypto).getRandomValues(e),e[0]=112+e[0]%16;let n=yr(e);return mr.test(n)?n:_e}catch{return _e}}function yr(e){return br(e).substr(0,22)}function k(e){return`${e.appName}!${e.appId}`}var C=new Map;function lt(e,t){let n=k(e);ht(n,t),Ir(n,t)}function _r(e,t){pt();let n=k(e),r=C.get(n);r||(r=new Set,C.set(n,r)),r.add(t)}function Er(e,t){let n=k(e),r=C.get(n);r&&(r.delete(t),r.size===0&&C.delete(n),gt())}function ht(e,t){let n=C.get(e);if(n)for(let r of n)r(t)}function Ir(e,t){let n=pt();n&&n.postMessage({key:e,fid:t}),gt()}var A=null;function pt(){return!A&&"BroadcastChannel"in self&&(A=new BroadcastChannel("[Firebase] FID Change"),A.onmessage=e=>{ht(e.data.key,e.data.fid)}),A}function gt(){C.size===0&&A&&(A.close(),A=null)}var Sr="firebase-installations-database",vr=1,D="firebase-installations-store",we=null;function Ie(){return we||(we=v(Sr,vr,{upgrade:(e,t)=>{t===0&&e.createObjectStore(D)}})),we}async function Q(e,t){let n=k(e),i=(await Ie()).transaction(D,"readwrite"),o=i.objectStore(D),s=await o.get(n);return await o.put(t,n),await i.done,(!s||s.fid!==t.fid)&&lt(e,t.fid),t}async function bt(e){let t=k(e),r=(await Ie()).transaction(D,"readwrite");await r.objectStore(D).delete(t),await r.done}async function Z(e,t){let n=k(e),i=(await Ie()).transaction(D,"readwrite"),o=i.objectStore(D),s=await o.get(n),c=t(s);return c===void 0?await o.delete(n):await o.put(c,n),await i.done,c&&(!s||s.fid!==c.fid)&&lt(e,c.fid),c}async function Se(e){let t,n=await Z(e.appConfig,r=>{let i=Ar(r),o=Tr(e,i);return t=o.registrationPromise,o.installationEntry});return n.fid===_e?{installationEntry:await t}:{installationEntry:n,registrationPromise:t}}function Ar(e){let t=e||{fid:wr(),registrationStatus:0};return mt(t)}function Tr(e,t){if(t.registrationStatus===0){if(!navigator.onLine){let i=Promise.reject(T.create("app-offline"));return{installationEntry:t,registrationPromise:i}}let n={fid:t.fid,registrationStatus:1,registrationTime:Date.now()},r=Dr(e,n);return{installationEntry:n,registrationPromise:r}}else return t.registrationStatus===1?{installationEntry:t,registrationPromise:Cr(e)}:{installationEntry:t}}async function Dr(e,t){try{let n=await gr(e,t);return Q(e.appConfig,n)}catch(n){throw ot(n)&&n.customData.serverCode===409?await bt(e.appConfig):await Q(e.appConfig,{fid:t.fid,registrationStatus:0}),n}}async function Cr(e){let t=await Ze(e.appConfig);for(;t.registrationStatus===1;)await dt(100),t=await Ze(e.appConfig);if(t.registrationStatus===0){let{installationEntry:n,registrationPromise:r}=await Se(e);return r||n}return t}function Ze(e){return Z(e,t=>{if(!t)throw T.create("installation-not-found");return mt(t)})}function mt(e){return kr(e)?{fid:e.fid,registrationStatus:0}:e}function kr(e){return e.registrationStatus===1&&e.registrationTime+nt<Date.now()}async function Or({appConfig:e,heartbeatServiceProvider:t},n){let r=Rr(e,n),i=lr(e,n),o=t.getImmediate({optional:!0});if(o){let a=await o.getHeartbeatsHeader();a&&i.append("x-firebase-client",a)}let s={installation:{sdkVersion:rt,appId:e.appId}},c={method:"POST",headers:i,body:JSON.stringify(s)},f=await ut(()=>fetch(r,c));if(f.ok){let a=await f.json();return at(a)}else throw await ct("Generate Auth Token",f)}function Rr(e,{fid:t}){return`${st(e)}/${t}/authTokens:generate`}async function ve(e,t=!1){let n,r=await Z(e.appConfig,o=>{if(!wt(o))throw T.create("not-registered");let s=o.authToken;if(!t&&Mr(s))return o;if(s.requestStatus===1)return n=Nr(e,t),o;{if(!navigator.onLine)throw T.create("app-offline");let c=Pr(o);return n=xr(e,c),c}});return n?await n:r.authToken}async function Nr(e,t){let n=await et(e.appConfig);for(;n.authToken.requestStatus===1;)await dt(100),n=await et(e.appConfig);let r=n.authToken;return r.requestStatus===0?ve(e,t):r}function et(e){return Z(e,t=>{if(!wt(t))throw T.create("not-registered");let n=t.authToken;return Fr(n)?{...t,authToken:{requestStatus:0}}:t})}async function xr(e,t){try{let n=await Or(e,t),r={...t,authToken:n};return await Q(e.appConfig,r),n}catch(n){if(ot(n)&&(n.customData.serverCode===401||n.customData.serverCode===404))await bt(e.appConfig);else{let r={...t,authToken:{requestStatus:0}};await Q(e.appConfig,r)}throw n}}function wt(e){return e!==void 0&&e.registrationStatus===2}function Mr(e){return e.requestStatus===2&&!Br(e)}function Br(e){let t=Date.now();return t<e.creationTime||e.creationTime+e.expiresIn<t+cr}function Pr(e){let t={requestStatus:1,requestTime:Date.now()};return{...e,authToken:t}}function Fr(e){return e.requestStatus===1&&e.requestTime+nt<Date.now()}async function Lr(e){let t=e,{installationEntry:n,registrationPromise:r}=await Se(t);return r?r.catch(console.error):ve(t).catch(console.error),n.fid}async function $r(e,t=!1){let n=e;return await Hr(n),(await ve(n,t)).token}async function Hr(e){let{registrationPromise:t}=await Se(e);t&&await t}function yt(e,t){let{appConfig:n}=e;return _r(n,t),()=>{Er(n,t)}}function jr(e){if(!e||!e.options)throw ye("App Configuration");if(!e.name)throw ye("App Name");let t=["projectId","apiKey","appId"];for(let n of t)if(!e.options[n])throw ye(n);return{appName:e.name,projectId:e.options.projectId,apiKey:e.options.apiKey,appId:e.options.appId}}function ye(e){return T.create("missing-app-config-values",{valueName:e})}var _t="installations",Ur="installations-internal",Vr=e=>{let t=e.getProvider("app").getImmediate(),n=jr(t),r=F(t,"heartbeat");return{app:t,appConfig:n,heartbeatServiceProvider:r,_delete:()=>Promise.resolve()}},Wr=e=>{let t=e.getProvider("app").getImmediate(),n=F(t,_t).getImmediate();return{getId:()=>Lr(n),getToken:i=>$r(n,i)}};function Kr(){E(new l(_t,Vr,"PUBLIC")),E(new l(Ur,Wr,"PRIVATE"))}Kr();p(tt,Ee);p(tt,Ee,"esm2020");var zr="/firebase-messaging-sw.js",qr="/firebase-cloud-messaging-push-scope",xt="BDOU99-h67HcA6JeFXHbSNMu7e2yNNu3RzoMj8TM4W88jITfq7ZmPvIM1Iv-4_l2LxQcYwhqby2xGpWwzjfAnG4",Gr="https://fcmregistrations.googleapis.com/v1",Mt="google.c.a.c_id",Jr="google.c.a.c_l",Yr="google.c.a.ts",Xr="google.c.a.e",Et=1e4,It;(function(e){e[e.DATA_MESSAGE=1]="DATA_MESSAGE",e[e.DISPLAY_NOTIFICATION=3]="DISPLAY_NOTIFICATION"})(It||(It={}));var O;(function(e){e.PUSH_RECEIVED="push-received",e.NOTIFICATION_CLICKED="notification-clicked",e.FID_REGISTERED="fid-registered"})(O||(O={}));function g(e){let t=new Uint8Array(e);return btoa(String.fromCharCode(...t)).replace(/=/g,"").replace(/\+/g,"-").replace(/\//g,"_")}function Bt(e){let t="=".repeat((4-e.length%4)%4),n=(e+t).replace(/\-/g,"+").replace(/_/g,"/"),r=atob(n),i=new Uint8Array(r.length);for(let o=0;o<r.length;++o)i[o]=r.charCodeAt(o);return i}var Ae="fcm_token_details_db",Qr=5,St="fcm_token_object_Store";async function Zr(e){if("databases"in indexedDB&&!(await indexedDB.databases()).map(o=>o.name).includes(Ae))return null;let t=null;return(await v(Ae,Qr,{upgrade:async(r,i,o,s)=>{if(i<2||!r.objectStoreNames.contains(St))return;let c=s.objectStore(St),f=await c.index("fcmSenderId").get(e);if(await c.clear(),!!f){if(i===2){let a=f;if(!a.auth||!a.p256dh||!a.endpoint)return;t={token:a.fcmToken,createTime:a.createTime??Date.now(),subscriptionOptions:{auth:a.auth,p256dh:a.p256dh,endpoint:a.endpoint,swScope:a.swScope,vapidKey:typeof a.vapidKey=="string"?a.vapidKey:g(a.vapidKey)}}}else if(i===3){let a=f;t={token:a.fcmToken,createTime:a.createTime,subscriptionOptions:{auth:g(a.auth),p256dh:g(a.p256dh),endpoint:a.endpoint,swScope:a.swScope,vapidKey:g(a.vapidKey)}}}else if(i===4){let a=f;t={token:a.fcmToken,createTime:a.createTime,subscriptionOptions:{auth:g(a.auth),p256dh:g(a.p256dh),endpoint:a.endpoint,swScope:a.swScope,vapidKey:g(a.vapidKey)}}}}}})).close(),await M(Ae),await M("fcm_vapid_details_db"),await M("undefined"),ei(t)?t:null}function ei(e){if(!e||!e.subscriptionOptions)return!1;let{subscriptionOptions:t}=e;return typeof e.createTime=="number"&&e.createTime>0&&typeof e.token=="string"&&e.token.length>0&&typeof t.auth=="string"&&t.auth.length>0&&typeof t.p256dh=="string"&&t.p256dh.length>0&&typeof t.endpoint=="string"&&t.endpoint.length>0&&typeof t.swScope=="string"&&t.swScope.length>0&&typeof t.vapidKey=="string"&&t.vapidKey.length>0}var ti={"missing-app-config-values":'Missing App configuration value: "{$valueName}"',"only-available-in-window":"This method is available in a Window context.","only-available-in-sw":"This method is available in a service worker context.","permission-default":"The notification permission was not granted and dismissed instead.","permission-blocked":"The notification permission was not granted and blocked instead.","unsupported-browser":"This browser doesn't support the API's required to use the Firebase SDK.","indexed-db-unsupported":"This browser doesn't support indexedDb.open() (ex. Safari iFrame, Firefox Private Browsing, etc)","failed-service-worker-registration":"We are unable to register the default service worker. {$browserErrorMessage}","token-subscribe-failed":"A problem occurred while subscribing the user to FCM: {$errorInfo}","token-subscribe-no-token":"FCM returned no token when subscribing the user to push.","fid-registration-failed":"A problem occurred while creating an FCM registration via FID: {$errorInfo}","fid-unregister-failed":"A problem occurred while unregistering the FCM registration via FID: {$errorInfo}","fid-registration-idb-schema-unavailable":"Unable to read or persist FID registration metadata because the messaging IndexedDB schema is unavailable (for example, the database could not be upgraded to the latest version).","token-unsubscribe-failed":"A problem occurred while unsubscribing the user from FCM: {$errorInfo}","token-update-failed":"A problem occurred while updating the user from FCM: {$errorInfo}","token-update-no-token":"FCM returned no token when updating the user to push.","use-sw-after-get-token":"The useServiceWorker() method may only be called once and must be called before calling getToken() to ensure your service worker is used.","invalid-sw-registration":"The input to useServiceWorker() must be a ServiceWorkerRegistration.","invalid-bg-handler":"The input to setBackgroundMessageHandler() must be a function.","invalid-vapid-key":"The public VAPID key must be a string.","use-vapid-key-after-get-token":"The usePublicVapidKey() method may only be called once and must be called before calling getToken() to ensure your VAPID key is used.","invalid-on-registered-handler":"No onRegistered callback handler was provided or registered. Implement onRegistered() before register()."},u=new w("messaging","Messaging",ti);var vt="firebase-messaging-database",At=2,I="firebase-messaging-store",b="firebase-messaging-fid-registration-store",ni={openDB:v,deleteDB:M},Tt=ni,L=null;function ri(e,t,n){switch(t){case 0:if(e.createObjectStore(I),n===1)break;case 1:n===2&&e.createObjectStore(b)}}function Dt(e){return{upgrade:(t,n)=>{ri(t,n,e)},blocked:()=>{},blocking:(t,n,r)=>{L=null,r.target?.close()},terminated:()=>{L=null}}}function R(){return L||(L=Tt.openDB(vt,At,Dt(2)).catch(()=>Tt.openDB(vt,At-1,Dt(1)))),L}function Pt(e,t){return e.objectStoreNames.contains(t)}function ke(e){if(!Pt(e,b))throw u.create("fid-registration-idb-schema-unavailable")}async function Ft(e){let t=N(e),r=await(await R()).transaction(I).objectStore(I).get(t);if(r)return r;{let i=await Zr(e.appConfig.senderId);if(i)return await Oe(e,i),i}}async function Oe(e,t){let n=N(e),r=await R(),i=[I],o=Pt(r,b);o&&i.push(b);let s=r.transaction(i,"readwrite");return await s.objectStore(I).put(t,n),o&&await s.objectStore(b).delete(n),await s.done,t}async function ii(e){let t=N(e),r=(await R()).transaction(I,"readwrite");await r.objectStore(I).delete(t),await r.done}async function Re(e){let t=N(e),n=await R();return ke(n),await n.transaction(b).objectStore(b).get(t)}async function oi(e,t){let n=N(e),r=await R();ke(r);let i=r.transaction([I,b],"readwrite");return await i.objectStore(b).put(t,n),await i.objectStore(I).delete(n),await i.done,t}async function si(e){let t=N(e),n=await R();ke(n);let r=n.transaction(b,"readwrite");await r.objectStore(b).delete(t),await r.done}function N({appConfig:e}){return e.appId}var Ct="@firebase/messaging",De="0.13.3";var ai=3,ci=1e3;async function fi(e,t){let n=await H(e),r=Ne(t,e.appConfig.appName,!1),i={method:"POST",headers:n,body:JSON.stringify(r)},o;try{o=await(await fetch($(e.appConfig),i)).json()}catch(s){throw u.create("token-subscribe-failed",{errorInfo:s?.toString()})}if(o.error){let s=o.error.message;throw u.create("token-subscribe-failed",{errorInfo:s})}if(!o.token)throw u.create("token-subscribe-no-token");return o.token}async function ui(e,t){let n=await H(e),r=Ne(t,e.appConfig.appName,!0),i={method:"POST",headers:n,body:JSON.stringify(r)},o;try{o=await gi(()=>fetch($(e.appConfig),i),ai,ci)}catch(f){throw u.create("fid-registration-failed",{errorInfo:f?.toString()})}if(o.ok)return{responseFid:await li(o)};let s;try{s=await o.json()}catch{throw u.create("fid-registration-failed",{errorInfo:o.statusText})}let c=s.error?.message??o.statusText;throw u.create("fid-registration-failed",{errorInfo:c})}async function di(e,t){let r={method:"DELETE",headers:await H(e)},i;try{i=await fetch(`${$(e.appConfig)}/${t}`,r)}catch(o){throw u.create("fid-unregister-failed",{errorInfo:o?.toString()})}if(!i.ok)try{throw(await i.json()).error?.message??i.statusText}catch(o){throw u.create("fid-unregister-failed",{errorInfo:typeof o=="string"&&o||i.statusText||o?.toString()})}}async function li(e){let t=await e.text();if(!t.trim())throw u.create("fid-registration-failed",{errorInfo:"CreateRegistration succeeded but response body is empty"});let n;try{n=JSON.parse(t)}catch{throw u.create("fid-registration-failed",{errorInfo:"CreateRegistration succeeded but response body is not valid JSON"})}let r=n.name;if(typeof r!="string"||r.length===0)throw u.create("fid-registration-failed",{errorInfo:"CreateRegistration succeeded but response did not include a non-empty name"});return hi(r)}var kt="/registrations/";function hi(e){let t=e.indexOf(kt);if(t!==-1){let n=e.slice(t+kt.length);if(n.length>0)return n}throw u.create("fid-registration-failed",{errorInfo:"CreateRegistration succeeded but response name is not a valid registration resource name"})}async function pi(e,t){let n=await H(e),r=Ne(t.subscriptionOptions,e.appConfig.appName,!1),i={method:"PATCH",headers:n,body:JSON.stringify(r)},o;try{o=await(await fetch(`${$(e.appConfig)}/${t.token}`,i)).json()}catch(s){throw u.create("token-update-failed",{errorInfo:s?.toString()})}if(o.error){let s=o.error.message;throw u.create("token-update-failed",{errorInfo:s})}if(!o.token)throw u.create("token-update-no-token");return o.token}async function Lt(e,t){let r={method:"DELETE",headers:await H(e)};try{let o=await(await fetch(`${$(e.appConfig)}/${t}`,r)).json();if(o.error){let s=o.error.message;throw u.create("token-unsubscribe-failed",{errorInfo:s})}}catch(i){throw u.create("token-unsubscribe-failed",{errorInfo:i?.toString()})}}async function gi(e,t,n){let r;for(let i=0;i<t;i++)try{return await e()}catch(o){if(r=o,i<t-1){let s=n*Math.pow(2,i);await new Promise(c=>setTimeout(c,s))}}throw r}function $({projectId:e}){return`${Gr}/projects/${e}/registrations`}async function H({appConfig:e,installations:t}){let n=await t.getToken();return new Headers({"Content-Type":"application/json",Accept:"application/json","x-goog-api-key":e.apiKey,"x-goog-firebase-installations-auth":`FIS ${n}`})}function bi(e,t){try{if(/^[a-zA-Z][a-zA-Z\d+\-.]*:/.test(e))return new URL(e).host}catch{}try{if(typeof self<"u"&&self.location?.href)return new URL(e,self.location.origin).host}catch{}return typeof self<"u"&&self.location?.host?self.location.host:t}function Ne({p256dh:e,auth:t,endpoint:n,vapidKey:r,swScope:i},o,s){let c={web:{origin:bi(i,o),endpoint:n,auth:t,p256dh:e}};return s&&(c.fcm_sdk_version=De),r!==xt&&(c.web.applicationPubKey=r),c}var mi=10080*60*1e3;async function wi(e){let t=await Si(e.swRegistration,e.vapidKey),n={vapidKey:e.vapidKey,swScope:e.swRegistration.scope,endpoint:t.endpoint,auth:g(t.getKey("auth")),p256dh:g(t.getKey("p256dh"))},r=await Ft(e.firebaseDependencies);if(r){if(vi(r.subscriptionOptions,n))return Date.now()>=r.createTime+mi?Ii(e,{token:r.token,createTime:Date.now(),subscriptionOptions:n}):r.token;try{await Lt(e.firebaseDependencies,r.token)}catch(i){console.warn(i)}return Ot(e.firebaseDependencies,n)}else return Ot(e.firebaseDependencies,n)}async function yi(e,t){await Lt(e.firebaseDependencies,t.token),await ii(e.firebaseDependencies),await $t(e.firebaseDependencies)}async function _i(e){let n=(await Re(e.firebaseDependencies).catch(()=>{}))?.fid;n&&await di(e.firebaseDependencies,n),await $t(e.firebaseDependencies),n&&Ti(e,n)}async function Ei(e){let t=await Ft(e.firebaseDependencies);t?await yi(e,t):await _i(e);let n=await e.swRegistration.pushManager.getSubscription();return n?n.unsubscribe():!0}async function Ii(e,t){try{let n=await pi(e.firebaseDependencies,t),r={...t,token:n,createTime:Date.now()};return await Oe(e.firebaseDependencies,r),n}catch(n){throw n}}async function Ot(e,t){let r={token:await fi(e,t),createTime:Date.now(),subscriptionOptions:t};return await Oe(e,r),r.token}async function Si(e,t){let n=await e.pushManager.getSubscription();return n||e.pushManager.subscribe({userVisibleOnly:!0,applicationServerKey:Bt(t)})}function vi(e,t){let n=t.vapidKey===e.vapidKey,r=t.endpoint===e.endpoint,i=t.auth===e.auth,o=t.p256dh===e.p256dh;return n&&r&&i&&o}async function $t(e){try{await si(e)}catch{}}function Ai(e,t){let n=e.onRegisteredHandler;n&&(typeof n=="function"?n(t):n.next(t))}function Ti(e,t){let n=e.onUnregisteredHandler;n&&(typeof n=="function"?n(t):n.next(t))}async function Ht(e){try{e.swRegistration=await navigator.serviceWorker.register(zr,{scope:qr}),e.swRegistration.update().catch(()=>{}),await Di(e.swRegistration)}catch(t){throw u.create("failed-service-worker-registration",{browserErrorMessage:t?.message})}}async function Di(e){return new Promise((t,n)=>{let r=setTimeout(()=>n(new Error(`Service worker not registered after ${Et} ms`)),Et),i=e.installing||e.waiting;e.active?(clearTimeout(r),t()):i?i.onstatechange=o=>{o.target?.state==="activated"&&(i.onstatechange=null,clearTimeout(r),t())}:(clearTimeout(r),n(new Error("No incoming service worker found.")))})}async function jt(e,t){if(!t&&!e.swRegistration&&await Ht(e),!(!t&&e.swRegistration)){if(!(t instanceof ServiceWorkerRegistration))throw u.create("invalid-sw-registration");e.swRegistration=t}}async function Ut(e,t){t?e.vapidKey=t:e.vapidKey||(e.vapidKey=xt)}var Rt=3;async function Ci(e,t){let n=await ki(e.swRegistration,e.vapidKey),r={vapidKey:e.vapidKey,swScope:e.swRegistration.scope,endpoint:n.endpoint,auth:g(n.getKey("auth")),p256dh:g(n.getKey("p256dh"))},i=e.firebaseDependencies.installations;for(let o=0;o<Rt;o++){let{responseFid:s}=await ui(e.firebaseDependencies,r);if(s===t)return;o<Rt-1&&await i.getToken(!0)}throw u.create("fid-registration-failed",{errorInfo:"CreateRegistration response FID does not match Firebase Installation ID"})}async function ki(e,t){let n=await e.pushManager.getSubscription();return n||e.pushManager.subscribe({userVisibleOnly:!0,applicationServerKey:Bt(t)})}var Oi=10080*60*1e3;async function Vt(e,t){if(!navigator)throw u.create("only-available-in-window");if(Notification.permission==="default"&&await Notification.requestPermission(),Notification.permission!=="granted")throw u.create("permission-blocked");if(!e.onRegisteredHandler)throw u.create("invalid-on-registered-handler");await Ut(e,t?.vapidKey),await jt(e,t?.serviceWorkerRegistration);let n=e._registerNotifyChain.catch(()=>{});return e._registerNotifyChain=n.then(async()=>{let r=await e.firebaseDependencies.installations.getId(),i=await Re(e.firebaseDependencies),o=Date.now();if((!i||i.fid!==r||o>=i.lastRegisterTime+Oi)&&(await Ci(e,r),await oi(e.firebaseDependencies,{fid:r,lastRegisterTime:o,vapidKey:e.vapidKey})),!e.onRegisteredHandler)throw u.create("invalid-on-registered-handler");Ai(e,r)}),e._registerNotifyChain}function Ri(e,t){return yt(t,()=>{(async()=>!e.onRegisteredHandler||!await Re(e.firebaseDependencies)||await Vt(e).catch(()=>{}))()})}function Nt(e){let t={from:e.from,collapseKey:e.collapse_key,messageId:e.fcmMessageId};return Ni(t,e),xi(t,e),Mi(t,e),t}function Ni(e,t){if(!t.notification)return;e.notification={};let n=t.notification.title;n&&(e.notification.title=n);let r=t.notification.body;r&&(e.notification.body=r);let i=t.notification.image;i&&(e.notification.image=i);let o=t.notification.icon;o&&(e.notification.icon=o)}function xi(e,t){t.data&&(e.data=t.data)}function Mi(e,t){if(!t.fcmOptions&&!t.notification?.click_action)return;e.fcmOptions={};let n=t.fcmOptions?.link??t.notification?.click_action;n&&(e.fcmOptions.link=n);let r=t.fcmOptions?.analytics_label;r&&(e.fcmOptions.analyticsLabel=r)}function Bi(e){return typeof e=="object"&&!!e&&Mt in e}function Pi(e){if(!e||!e.options)throw Te("App Configuration Object");if(!e.name)throw Te("App Name");let t=["projectId","apiKey","appId","messagingSenderId"],{options:n}=e;for(let r of t)if(!n[r])throw Te(r);return{appName:e.name,projectId:n.projectId,apiKey:n.apiKey,appId:n.appId,senderId:n.messagingSenderId}}function Te(e){return u.create("missing-app-config-values",{valueName:e})}var Ce=class{constructor(t,n,r){this.deliveryMetricsExportedToBigQueryEnabled=!1,this.onBackgroundMessageHandler=null,this.onMessageHandler=null,this.onRegisteredHandler=null,this.onUnregisteredHandler=null,this._registerNotifyChain=Promise.resolve(),this._fidChangeUnsubscribe=null,this.logEvents=[],this.logQueue={state:"stopped"};let i=Pi(t);this.firebaseDependencies={app:t,appConfig:i,installations:n,analyticsProvider:r}}_delete(){return this._fidChangeUnsubscribe&&(this._fidChangeUnsubscribe(),this._fidChangeUnsubscribe=null),this.logQueue.state==="scheduled"&&clearTimeout(this.logQueue.timerId),this.logQueue={state:"stopped"},Promise.resolve()}};async function Wt(e,t){if(!navigator)throw u.create("only-available-in-window");if(Notification.permission==="default"&&await Notification.requestPermission(),Notification.permission!=="granted")throw u.create("permission-blocked");return await Ut(e,t?.vapidKey),await jt(e,t?.serviceWorkerRegistration),wi(e)}async function Fi(e,t,n){let r=Li(t);(await e.firebaseDependencies.analyticsProvider.get()).logEvent(r,{message_id:n[Mt],message_name:n[Jr],message_time:n[Yr],message_device_time:Math.floor(Date.now()/1e3)})}function Li(e){switch(e){case O.NOTIFICATION_CLICKED:return"notification_open";case O.PUSH_RECEIVED:return"notification_foreground";default:throw new Error}}async function $i(e,t){let n=t.data;if(!n.isFirebaseMessaging)return;if(e.onMessageHandler&&n.messageType===O.PUSH_RECEIVED&&(typeof e.onMessageHandler=="function"?e.onMessageHandler(Nt(n)):e.onMessageHandler.next(Nt(n))),e.onRegisteredHandler&&n.messageType===O.FID_REGISTERED){let i=n.fid;typeof e.onRegisteredHandler=="function"?e.onRegisteredHandler(i):e.onRegisteredHandler.next(i)}let r=n.data;Bi(r)&&r[Xr]==="1"&&await Fi(e,n.messageType,r)}var Hi=e=>{let t=new Ce(e.getProvider("app").getImmediate(),e.getProvider("installations-internal").getImmediate(),e.getProvider("analytics-internal"));return navigator.serviceWorker.addEventListener("message",n=>$i(t,n)),t._fidChangeUnsubscribe=Ri(t,e.getProvider("installations").getImmediate()),t},ji=e=>{let t=e.getProvider("messaging").getImmediate();return{getToken:r=>Wt(t,r),register:r=>Vt(t,r)}};function Ui(){E(new l("messaging",Hi,"PUBLIC")),E(new l("messaging-internal",ji,"PRIVATE")),p(Ct,De),p(Ct,De,"esm2020")}async function Kt(){try{await z()}catch{return!1}return typeof window<"u"&&K()&&Le()&&"serviceWorker"in navigator&&"PushManager"in window&&"Notification"in window&&"fetch"in window&&ServiceWorkerRegistration.prototype.hasOwnProperty("showNotification")&&PushSubscription.prototype.hasOwnProperty("getKey")}async function Vi(e){if(!navigator)throw u.create("only-available-in-window");return e.swRegistration||await Ht(e),Ei(e)}function Wi(e=me()){return Kt().then(t=>{if(!t)throw u.create("unsupported-browser")},t=>{throw u.create("indexed-db-unsupported")}),F(G(e),"messaging").getImmediate()}async function Ki(e,t){return e=G(e),Wt(e,t)}function zi(e){return e=G(e),Vi(e)}Ui();export{zi as deleteToken,Yn as getApps,Wi as getMessaging,Ki as getToken,Ye as initializeApp,Kt as isSupported};
/*! Bundled license information:

@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
@firebase/logger/dist/esm/index.esm.js:
@firebase/messaging/dist/esm/index.esm.js:
@firebase/messaging/dist/esm/index.esm.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/util/dist/index.esm.js:
@firebase/util/dist/index.esm.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/util/dist/index.esm.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)
  (**
   * @license
   * Copyright 2021 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/util/dist/index.esm.js:
@firebase/component/dist/esm/index.esm.js:
@firebase/app/dist/esm/index.esm.js:
@firebase/app/dist/esm/index.esm.js:
@firebase/app/dist/esm/index.esm.js:
@firebase/installations/dist/esm/index.esm.js:
@firebase/installations/dist/esm/index.esm.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/util/dist/index.esm.js:
firebase/app/dist/esm/index.esm.js:
@firebase/messaging/dist/esm/index.esm.js:
  (**
   * @license
   * Copyright 2020 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/util/dist/index.esm.js:
  (**
   * @license
   * Copyright 2021 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)
  (**
   * @license
   * Copyright 2025 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/util/dist/index.esm.js:
  (**
   * @license
   * Copyright 2025 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/app/dist/esm/index.esm.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)
  (**
   * @license
   * Copyright 2023 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/app/dist/esm/index.esm.js:
  (**
   * @license
   * Copyright 2021 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)
  (**
   * @license
   * Copyright 2019 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/installations/dist/esm/index.esm.js:
@firebase/installations/dist/esm/index.esm.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)
  (**
   * @license
   * Copyright 2020 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/messaging/dist/esm/index.esm.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)
  (**
   * @license
   * Copyright 2018 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except
   * in compliance with the License. You may obtain a copy of the License at
   *
   * http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software distributed under the License
   * is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express
   * or implied. See the License for the specific language governing permissions and limitations under
   * the License.
   *)
  (**
   * @license
   * Copyright 2017 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)
  (**
   * @license
   * Copyright 2020 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)
  (**
   * @license
   * Copyright 2026 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)

@firebase/messaging/dist/esm/index.esm.js:
@firebase/messaging/dist/esm/index.esm.js:
  (**
   * @license
   * Copyright 2026 Google LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * You may obtain a copy of the License at
   *
   *   http://www.apache.org/licenses/LICENSE-2.0
   *
   * Unless required by applicable law or agreed to in writing, software
   * distributed under the License is distributed on an "AS IS" BASIS,
   * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   * See the License for the specific language governing permissions and
   * limitations under the License.
   *)
*/
