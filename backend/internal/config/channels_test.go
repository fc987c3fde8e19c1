package config

import (
	"strings"
	"testing"
)

func TestChannelsDefaultToRecording(t *testing.T) {
	c, err := load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	ch := c.Channels
	if ch.ZNSEndpoint != "" || ch.SMSGatewayURL != "" || len(ch.ZaloTemplates) != 0 || !ch.SMSUnaccented ||
		string(ch.CallbackSecrets["zns"]) != DevCallbackSecret || ch.ZaloOAuthEndpoint != "https://oauth.zaloapp.com" {
		t.Fatalf("channels = %+v", ch)
	}
}

func TestChannelsRead(t *testing.T) {
	c, err := load(env(map[string]string{"ZALO_ZNS_ENDPOINT": "https://business.openapi.zalo.me/", "ZALO_OA_ACCESS_TOKEN": "tok",
		"ZALO_TEMPLATE_DOSSIER_RESULT_READY": "248079", "ZALO_TEMPLATE_PICKUP_EN_ROUTE": "248080",
		"SMS_GATEWAY_URL": "https://sms.example/send", "SMS_GATEWAY_AUTH": "Authorization: Bearer x", "SMS_UNACCENTED": "false"}))
	if err != nil {
		t.Fatal(err)
	}
	ch := c.Channels
	if ch.ZNSEndpoint != "https://business.openapi.zalo.me" || ch.ZaloTemplates["dossier.result_ready"] != "248079" ||
		ch.ZaloTemplates["pickup.en_route"] != "248080" || ch.SMSUnaccented {
		t.Fatalf("channels = %+v", ch)
	}
	_, err = load(env(map[string]string{"ZALO_ZNS_ENDPOINT": "https://z", "ZALO_OA_REFRESH_TOKEN": "r",
		"SMS_GATEWAY_AUTH": "nocolon", "MESSAGE_CALLBACK_SECRETS": "zns:short", "SMS_GATEWAY_BODY": "{{.Text"}))
	for _, want := range []string{"ZALO_OA_ACCESS_TOKEN", "ZALO_APP_ID", "SMS_GATEWAY_AUTH", "MESSAGE_CALLBACK_SECRETS", "SMS_GATEWAY_BODY"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error should name %s: %v", want, err)
		}
	}
}
