package representation

import (
	"errors"
	"net/http"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// ErrExists: the representative already holds a live link to the applicant.
var ErrExists = errors.New("a live representation already links them")

// problem gives this feature's refusals their words (the shared ones httpx renders itself).
func problem(err error) error {
	switch {
	case errors.Is(err, ErrExists):
		return httpx.NewError(http.StatusConflict, "representation_exists")
	case errors.Is(err, lifecycle.ErrIllegal):
		return httpx.IllegalTransition(httpx.Text{VI: "Không thể thu hồi: ủy quyền này đã được thu hồi trước đó",
			EN: "Cannot revoke: this representation was already revoked"})
	}
	return err
}

func init() {
	httpx.Register(map[string]httpx.Text{
		"representation_exists": {VI: "Người được ủy quyền này đã được ghi nhận và ủy quyền vẫn còn hiệu lực",
			EN: "This representative is already recorded and the authorisation is still in force"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"representative_required": {VI: "Cần cho biết người được ủy quyền: tài khoản hoặc số điện thoại",
			EN: "Name the representative: an account or a phone number"},
		"representative_twice": {VI: "Chỉ cho biết một trong hai: tài khoản hoặc số điện thoại của người được ủy quyền",
			EN: "Give either the representative's account or their phone number, not both"},
		"unknown_citizen": {VI: "Không tìm thấy tài khoản công dân này trong phường/xã",
			EN: "No citizen account of the ward matches this"},
		"self_representation": {VI: "Người được ủy quyền phải là người khác với người ủy quyền",
			EN: "The representative must be someone other than the applicant"},
		"applicant_not_self": {VI: "Ông/bà chỉ có thể ủy quyền cho người khác đại diện cho chính mình",
			EN: "You can only authorise someone to act for yourself"},
		"consent_note_required": {VI: "Cần ghi cách người ủy quyền đã đồng ý (ví dụ: ký giấy ủy quyền tại Trung tâm)",
			EN: "Say how the applicant consented (e.g. signed an authorisation at the office)"},
	})
}
